"""A Python standard-library client behind a proxy, as the DANA Python SDK runs behind HTTPS_PROXY.

Reads {"proxy", "url", "headers", "body"} as JSON on stdin, sends one POST through the proxy with
urllib (CONNECT tunnel for https), trusting only what SSL_CERT_FILE names, and prints
{"status", "body"} or {"error"} as JSON.
"""
import json
import sys
import urllib.error
import urllib.request

job = json.load(sys.stdin)
opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": job["proxy"], "https": job["proxy"]}))
request = urllib.request.Request(job["url"], data=job["body"].encode(), headers=job["headers"], method="POST")
try:
    with opener.open(request, timeout=10) as response:
        print(json.dumps({"status": response.status, "body": response.read().decode()}))
except urllib.error.HTTPError as error:
    print(json.dumps({"status": error.code, "body": error.read().decode()}))
except Exception as error:  # the test reads the reason
    print(json.dumps({"error": repr(error)}))
