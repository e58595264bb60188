// What each official DANA SDK needs to reach the simulator, for `dana-sim env --lang` and GET /__sim/credentials. Facts checked
// against the SDKs' sources (dana-id/dana-node, dana-python, dana-go, dana-php, dana-java):
// - dana-node calls the global fetch, which ignores HTTPS_PROXY before Node 24 (NODE_USE_ENV_PROXY=1).
// - dana-python's urllib3 pool uses only `configuration.proxy`, never HTTPS_PROXY; its SNAP client
//   defaults to http://api.sandbox.dana.id (plain HTTP), its Open API client to https.
// - dana-go uses http.DefaultClient: HTTPS_PROXY and SSL_CERT_FILE are honoured.
// - dana-php uses Guzzle, which reads HTTPS_PROXY (HTTP_PROXY on the command line only); curl and
//   openssl take their CA from php.ini.
// - dana-java uses OkHttp, whose default proxy selector reads the https.proxyHost system properties.

import { join } from 'node:path';

export const LANGUAGES = ['node', 'python', 'go', 'php', 'java'] as const;
export type Language = (typeof LANGUAGES)[number];

/** DANA's sandbox hosts for a hosts-file line (production hosts are left alone on purpose). */
const DANA_HOSTS = ['api.sandbox.dana.id', 'api-sandbox.dana.id', 'm.sandbox.dana.id', 'dashboard-sandbox.dana.id'];

export interface GuideInput {
  readonly dataDir: string;
  /** The simulator's plain HTTP URL, e.g. http://127.0.0.1:8787. */
  readonly url: string;
  readonly caFile: string;
  readonly proxyUrl: string;
  /** Where the Java trust store is created (beside the CA). */
  readonly trustStore: string;
}

/** Where `dana-sim start --tls` keeps its CA, and where the Java trust store goes, in a data directory. */
export function guideInputFor(dataDir: string, url: string, proxyUrl: string): GuideInput {
  return { dataDir, url, caFile: join(dataDir, 'tls', 'ca.pem'), proxyUrl, trustStore: join(dataDir, 'tls', 'truststore.p12') };
}

export interface Variable {
  readonly name: string;
  readonly value: string;
  readonly why: string;
}

export interface Guide {
  readonly sdk: string;
  readonly variables: readonly Variable[];
  /** Steps that are not variables: ini lines, a command to run once, a hosts line. */
  readonly steps: readonly { readonly title: string; readonly lines: readonly string[]; readonly command?: string }[];
  /** The alternative: change one line of the app instead. */
  readonly baseUrl: { readonly title: string; readonly lines: readonly string[] };
}

const hostsStep = (why: string) => ({
  title: `Since ${why}, add this hosts-file line (/etc/hosts) and start with \`dana-sim start --tls --tls-port 443 --http-port 80\``,
  lines: [`127.0.0.1 ${DANA_HOSTS.join(' ')}`],
});

const proxyVariables = (input: GuideInput, why: string): Variable[] => [
  { name: 'HTTPS_PROXY', value: input.proxyUrl, why },
  { name: 'HTTP_PROXY', value: input.proxyUrl, why },
];

function quoteJava(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `.scheme("${url.protocol.replace(':', '')}").host("${url.hostname}").port(${port})`;
}

export function guideFor(language: Language, input: GuideInput): Guide {
  switch (language) {
    case 'node':
      return {
        sdk: 'dana-node',
        variables: [
          { name: 'NODE_EXTRA_CA_CERTS', value: input.caFile, why: "trust the simulator's CA besides the usual ones" },
          ...proxyVariables(input, "Node 24+ fetch honours them with NODE_USE_ENV_PROXY=1; older Node's fetch ignores them"),
          { name: 'NODE_USE_ENV_PROXY', value: '1', why: 'make fetch (which dana-node uses) honour HTTPS_PROXY (Node 24+)' },
        ],
        steps: [hostsStep('Node before 24 ignores the proxy (dana-node calls fetch)')],
        baseUrl: {
          title: "preload the forwarder, which sends calls for DANA's hosts to DANA_SIM_URL (tests: the msw adapter, dana-sim/msw)",
          lines: ['node --import dana-sim/forward app.js', "# or: export NODE_OPTIONS='--import dana-sim/forward'"],
        },
      };
    case 'python':
      return {
        sdk: 'dana-python',
        variables: [
          { name: 'SSL_CERT_FILE', value: input.caFile, why: "OpenSSL's trust file: only the simulator's CA is trusted in this process" },
          { name: 'REQUESTS_CA_BUNDLE', value: input.caFile, why: 'the same for code that uses requests' },
          ...proxyVariables(input, 'honoured by requests and urllib, not by dana-python (its urllib3 pool reads configuration.proxy only)'),
        ],
        steps: [hostsStep('dana-python ignores HTTPS_PROXY (its SNAP client calls http://api.sandbox.dana.id)')],
        baseUrl: {
          title: 'set the host after constructing the configuration (the constructor ignores host=)',
          lines: [`configuration.host = "${input.url}"`],
        },
      };
    case 'go':
      return {
        sdk: 'dana-go',
        variables: [
          { name: 'SSL_CERT_FILE', value: input.caFile, why: "crypto/x509 trusts only the simulator's CA in this process" },
          ...proxyVariables(input, 'http.DefaultClient (which dana-go uses) honours them'),
        ],
        steps: [],
        baseUrl: {
          title: 'replace the servers of the configuration',
          lines: [`cfg.Servers = config.ServerConfigurations{{URL: "${input.url}"}}`],
        },
      };
    case 'php':
      return {
        sdk: 'dana-php',
        variables: proxyVariables(input, 'Guzzle (which dana-php uses) honours HTTPS_PROXY; HTTP_PROXY from the command line only'),
        steps: [
          {
            title: 'Trust the CA: add to php.ini (or pass each with php -d)',
            lines: [`curl.cainfo="${input.caFile}"`, `openssl.cafile="${input.caFile}"`],
          },
        ],
        baseUrl: { title: 'set the host on the configuration', lines: [`$config->setHost('${input.url}');`] },
      };
    case 'java': {
      const proxy = new URL(input.proxyUrl);
      const options = [
        `-Dhttps.proxyHost=${proxy.hostname}`,
        `-Dhttps.proxyPort=${proxy.port}`,
        `-Dhttp.proxyHost=${proxy.hostname}`,
        `-Dhttp.proxyPort=${proxy.port}`,
        `-Djavax.net.ssl.trustStore=${input.trustStore}`,
        '-Djavax.net.ssl.trustStorePassword=changeit',
        '-Djavax.net.ssl.trustStoreType=PKCS12',
      ];
      return {
        sdk: 'dana-java',
        variables: [
          {
            name: 'JAVA_TOOL_OPTIONS',
            value: options.join(' '),
            why: "Java ignores HTTPS_PROXY but OkHttp (which dana-java uses) follows these properties; only the simulator's CA is trusted",
          },
        ],
        steps: [
          {
            title: 'Create the trust store once (in the data directory)',
            lines: [],
            command: `keytool -importcert -noprompt -alias dana-sim -file '${input.caFile}' -keystore '${input.trustStore}' -storetype PKCS12 -storepass changeit`,
          },
        ],
        baseUrl: {
          title:
            'build the OkHttp client Dana.getInstance() builds (DanaAuth signs), plus an interceptor that rewrites the host, and pass it to the API classes',
          lines: [
            'OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new DanaAuth())',
            `    .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().url(chain.request().url().newBuilder()${quoteJava(new URL(input.url))}.build()).build())).build();`,
            'DisbursementApi disbursement = new DisbursementApi(client);',
          ],
        },
      };
    }
  }
}
