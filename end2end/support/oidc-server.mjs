// A real OpenID Connect provider for the browser tests (oauth2-mock-server): discovery,
// JWKS, authorization code with PKCE, signed ID tokens carrying the nonce. It signs in
// one person, the subject "johndoe", with the name, verified email and the PESEL the
// provider vouches for (the `pesel` claim) set below.
//
// Usage: node oidc-server.mjs PORT   (runs until it is terminated)
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeTokenSigning', (token) => {
  token.payload.name = 'Olena Miejska (SSO)';
  token.payload.email = 'olena.sso@example.pl';
  token.payload.email_verified = true;
  token.payload.pesel = '75031201289';
});
await server.start(port, '127.0.0.1');
// The issuer must be the address the site is configured with, not `localhost`.
server.issuer.url = `http://127.0.0.1:${port}`;
console.log(`oidc provider at ${server.issuer.url}`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
