// A real OpenID Connect provider for Brugwerk's SSO tests: oidc-provider (OpenID Certified) with
// its development sign-in form ("Enter any login": the login typed is the account id and its
// e-mail address). Started by tests/auth/conftest.py; prints "listening <issuer>" when ready.
//
// Settings from the environment:
//   PORT            the loopback port to listen on
//   REDIRECT_URIS   the client's redirect URIs, comma separated
//   CLIENT_ID, CLIENT_SECRET
//   CLAIMS_IN       "userinfo" (default: e-mail only from the userinfo endpoint, as the standard
//                   says for the code flow) or "id_token" (e-mail in the ID token as well)
//
// Accounts: any login. One starting with "unverified" has email_verified false; one starting with
// "entra" has no email_verified but Entra ID's xms_edov (the domain owner verified the address). Two logins make
// the token endpoint hand out a bad ID token, so that the app's checks meet a real one:
//   "expired..."  an ID token that expired an hour ago, signed with the provider's own key
//   "forged..."   an ID token signed with a key the provider never published
import { generateKeyPair, exportJWK, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const claimsInIdToken = process.env.CLAIMS_IN === 'id_token';

async function rsaKey(kid) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } };
}

const published = await rsaKey('published');
const unpublished = await rsaKey('unpublished');

const configuration = {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: process.env.REDIRECT_URIS.split(','),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [published.jwk] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
  conformIdTokenClaims: !claimsInIdToken,
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        if (id.startsWith('entra')) {
          // As Microsoft Entra ID: no email_verified, its optional claim xms_edov instead.
          return { sub: id, email: id, xms_edov: true, name: id.split('@')[0] };
        }
        return {
          sub: id,
          email: id,
          email_verified: !id.startsWith('unverified'),
          name: id.split('@')[0],
        };
      },
    };
  },
  // A first-party client: no consent screen, the grant is given at once (the library's recipe).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
};

async function spoiled(idToken) {
  const claims = decodeJwt(idToken);
  let key = null;
  if (claims.sub.startsWith('expired')) {
    key = published;
    claims.iat -= 7200;
    claims.exp = claims.iat + 3600;
  } else if (claims.sub.startsWith('forged')) {
    key = unpublished;
  }
  if (!key) return idToken;
  const { alg } = decodeProtectedHeader(idToken);
  return new SignJWT(claims).setProtectedHeader({ alg, kid: 'published' }).sign(key.privateKey);
}

const provider = new Provider(issuer, configuration);
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await spoiled(ctx.body.id_token) };
  }
});
provider.listen(port, '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
