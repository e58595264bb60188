import express from 'express';
import { toPublicKey } from '../../simulator/signature/keys.ts';
import { verifyAsymmetric } from '../../simulator/signature/snap.ts';
import { verifyOpenApiEnvelope } from '../../simulator/signature/open-api.ts';

// The floor of our own stack's cost: express, a raw body, one SNAP RSA signature check, a canned reply.
const publicKey = toPublicKey(process.env.BENCH_PUBLIC_KEY!);
const app = express();
app.disable('x-powered-by');
app.use(express.raw({ type: () => true, limit: 1024 * 1024 }));
app.post('*path', (request, response) => {
  const body = (request.body as Buffer).toString('utf8');
  // SNAP calls carry the signature in headers; Open API calls in the envelope.
  const envelope = request.headers['x-signature'] ? undefined : (JSON.parse(body) as { request: unknown; signature: string });
  const ok = envelope
    ? verifyOpenApiEnvelope(body, envelope.request, envelope.signature, publicKey)
    : verifyAsymmetric(
        { method: 'POST', path: request.path, body, timestamp: String(request.headers['x-timestamp']) },
        String(request.headers['x-signature']),
        publicKey,
      );
  response.status(ok ? 200 : 401).json(
    ok
      ? {
          responseCode: '2003800',
          responseMessage: 'Successful',
          referenceNo: '1',
          partnerReferenceNo: 'x',
          amount: { value: '1.00', currency: 'IDR' },
        }
      : { responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' },
  );
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
