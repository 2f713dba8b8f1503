//! Sign-in with an OpenID Connect provider (the city's SSO): authorization code with
//! PKCE (S256), `state` bound to the browser by a cookie and kept server-side with the
//! nonce and the PKCE verifier, the ID token's signature, audience, expiry and nonce
//! checked by `openidconnect`. Accounts are linked by the provider's subject. When the
//! provider vouches for a PESEL (`OIDC_PESEL_CLAIM`), the claim is read from the checked
//! token and handed on, never stored.

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use tokio::sync::RwLock;

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The callback path registered with the provider.
pub const CALLBACK_PATH: &str = "/signin/oidc/callback";
/// The cookie that binds a sign-in in flight to this browser.
pub const STATE_COOKIE: &str = "oidc_state";

pub struct Provider {
    issuer: String,
    client_id: String,
    client_secret: String,
    scopes: Vec<String>,
    redirect: String,
    /// The ID token's claim holding the PESEL the provider vouches for, if it gives one.
    pesel_claim: Option<String>,
    http: reqwest::Client,
    /// Discovered on first use (the provider may be down when the site starts).
    client: RwLock<Option<Client>>,
}

/// Who the provider says signed in.
pub struct Claims {
    pub issuer: String,
    pub subject: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// The PESEL the provider vouches for (only with `OIDC_PESEL_CLAIM`).
    pub pesel: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("provider discovery failed: {0}")]
    Discovery(String),
    #[error("code exchange failed: {0}")]
    Exchange(String),
    #[error("ID token refused: {0}")]
    Token(String),
}

pub struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

impl Provider {
    pub fn new(
        issuer: &str,
        client_id: &str,
        client_secret: &str,
        scopes: &str,
        public_url: &str,
        pesel_claim: &str,
    ) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            // Never follow redirects from the provider (SSRF), and do not wait forever.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let mut scopes: Vec<String> = scopes.split_whitespace().filter(|s| *s != "openid").map(str::to_owned).collect();
        scopes.dedup();
        Ok(Provider {
            issuer: issuer.trim().to_owned(),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            scopes,
            redirect: format!("{public_url}{CALLBACK_PATH}"),
            pesel_claim: Some(pesel_claim.trim().to_owned()).filter(|c| !c.is_empty()),
            http,
            client: RwLock::new(None),
        })
    }

    async fn client(&self) -> Result<Client, OidcError> {
        if let Some(client) = self.client.read().await.as_ref() {
            return Ok(client.clone());
        }
        let issuer = IssuerUrl::new(self.issuer.clone()).map_err(|e| OidcError::Discovery(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Discovery(e.to_string()))?;
        let secret = (!self.client_secret.is_empty()).then(|| ClientSecret::new(self.client_secret.clone()));
        let redirect = RedirectUrl::new(self.redirect.clone()).map_err(|e| OidcError::Discovery(e.to_string()))?;
        let client = CoreClient::from_provider_metadata(metadata, ClientId::new(self.client_id.clone()), secret)
            .set_redirect_uri(redirect);
        *self.client.write().await = Some(client.clone());
        Ok(client)
    }

    /// The provider's authorization URL and the secrets to keep for the callback.
    pub async fn start(&self) -> Result<Started, OidcError> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in &self.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code (with the PKCE verifier) and checks the ID token.
    pub async fn finish(&self, code: &str, nonce: &str, pkce_verifier: &str) -> Result<Claims, OidcError> {
        let client = self.client().await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Exchange(e.to_string()))?;
        let _ = response.access_token();
        let id_token = response.id_token().ok_or_else(|| OidcError::Token("no ID token".to_owned()))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| OidcError::Token(e.to_string()))?;
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned())
            .or_else(|| claims.preferred_username().map(|u| u.as_str().to_owned()));
        // Only an address the provider has verified may be kept.
        let email =
            claims.email().filter(|_| claims.email_verified().unwrap_or(false)).map(|e| e.as_str().to_lowercase());
        // The token's signature, audience, expiry and nonce are checked above, so its
        // payload can be read for the one claim the standard claims do not name.
        let pesel = self.pesel_claim.as_deref().and_then(|claim| claim_of(&id_token.to_string(), claim));
        Ok(Claims {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            name,
            email,
            pesel,
        })
    }
}

/// A text claim (or a number, as some providers send a PESEL) of a compact JWT's payload.
fn claim_of(jwt: &str, claim: &str) -> Option<String> {
    use base64::Engine;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1)?).ok()?;
    match serde_json::from_slice::<serde_json::Value>(&payload).ok()?.get(claim)? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::claim_of;
    use base64::Engine;

    #[test]
    fn a_claim_is_read_from_the_payload() {
        let encode = |json: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        let jwt =
            format!("{}.{}.sig", encode(r#"{"alg":"RS256"}"#), encode(r#"{"sub":"x","pesel":"44051401359","n":7}"#));
        assert_eq!(claim_of(&jwt, "pesel").as_deref(), Some("44051401359"));
        assert_eq!(claim_of(&jwt, "n").as_deref(), Some("7"));
        assert_eq!(claim_of(&jwt, "missing"), None);
        assert_eq!(claim_of("not a token", "pesel"), None);
        assert_eq!(claim_of("a.%%%.c", "pesel"), None);
    }
}
