//! One database's HTTP API, on a Tokio runtime of its own, called from a plain thread: queries (POST, so
//! a batch of a hundred meters' names fits), the import endpoint, and VictoriaMetrics' flush.

use std::time::Duration;

use plant_i18n::{Msg, msg};

/// Requests in flight at once.
pub(crate) const IN_FLIGHT: usize = 4;

/// The most an answer may hold: a day of one-minute samples of 100 meters is about 5 MB.
pub const MAX_ANSWER_BYTES: usize = 256 << 20;

/// Why a request to the database failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No connection (refused, DNS, TLS…): the network library's innermost words.
    Connect {
        url: String,
        error: String,
    },
    Timeout {
        url: String,
        ms: i64,
    },
    /// The status and the start of the body the server answered.
    Http {
        url: String,
        status: u16,
        body: String,
    },
    TooLarge {
        url: String,
        limit_mb: usize,
    },
    /// The answer is not what the API promises.
    Answer {
        url: String,
        why: Msg,
    },
    /// The credential's variable: not allowed, or not set; or a credential over plain HTTP off this machine.
    Credential(Msg),
    /// The URL cannot be used.
    Url(String),
    /// A web page answered, not the API: the address is not the API's base.
    NotApi {
        url: String,
        status: u16,
    },
    /// A window's hourly sums would take more memory (MB) than the paged cache's limit allows.
    SumsTooLarge {
        mb: usize,
        limit_mb: usize,
    },
}

impl Error {
    /// What went wrong, as a message of the catalogue.
    pub fn message(&self) -> Msg {
        match self {
            Error::Connect { url, error } => msg!("historian-connect", url = url, error = error),
            Error::Timeout { url, ms } => msg!("historian-timeout", url = url, ms = *ms),
            Error::Http { url, status, body } => msg!("historian-http", url = url, status = *status, body = body),
            Error::TooLarge { url, limit_mb } => msg!("historian-too-large", url = url, limit_mb = *limit_mb),
            Error::Answer { url, why } => msg!("historian-bad-answer", url = url, why = why.clone()),
            Error::Credential(m) => m.clone(),
            Error::Url(url) => msg!("historian-bad-url", url = url),
            Error::NotApi { url, status } => msg!("historian-not-api", url = url, status = *status),
            Error::SumsTooLarge { mb, limit_mb } => msg!("historian-sums-too-large", mb = *mb, limit_mb = *limit_mb),
        }
    }

    /// The database did not answer at all (not running, unreachable, too slow): worth trying again later.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Error::Connect { .. } | Error::Timeout { .. })
    }
}

/// In the current language.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text())
    }
}

/// A database's HTTP API: base URL, credential header, timeout, and the runtime its requests run on.
pub struct Connection {
    base: reqwest::Url,
    client: reqwest::Client,
    auth: Option<(String, String)>,
    timeout_ms: i64,
    runtime: tokio::runtime::Runtime,
}

impl Connection {
    /// A connection to `url` (the API's base, without `/api/v1`); `auth`: a header and the environment
    /// variable its value comes from (`PLANT_TWIN_*`, or one the user listed in `PLANT_TWIN_ALLOW_ENV`).
    /// Nothing is sent yet.
    pub fn new(url: &str, auth: Option<(&str, &str)>, timeout_ms: i64) -> Result<Self, Error> {
        let base = reqwest::Url::parse(url.trim_end_matches('/')).map_err(|_| Error::Url(url.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(Error::Url(url.to_string()));
        }
        let auth = match auth {
            None => None,
            Some((header, env)) => {
                if !plant_live::credential_env_allowed(env) {
                    return Err(Error::Credential(msg!("historian-env-not-allowed", variable = env, allow_env = plant_live::ALLOW_ENV)));
                }
                if base.scheme() == "http" && !plant_live::is_loopback(&base) {
                    return Err(Error::Credential(msg!("historian-clear-text", host = base.host_str().unwrap_or_default())));
                }
                let value = std::env::var(env).map_err(|_| Error::Credential(msg!("historian-env-unset", variable = env)))?;
                Some((header.to_string(), value))
            }
        };
        let timeout = Duration::from_millis(timeout_ms.max(1) as u64);
        let client = reqwest::Client::builder().timeout(timeout).connect_timeout(timeout).build().map_err(|e| Error::Connect { url: url.to_string(), error: e.to_string() })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("plant-twin-historian") // i18n-ok: a thread name
            .enable_all()
            .build()
            .map_err(|e| Error::Connect { url: url.to_string(), error: e.to_string() })?;
        Ok(Connection { base, client, auth, timeout_ms, runtime })
    }

    /// The base URL as given (for messages: host and port, never a credential).
    pub fn url(&self) -> String {
        let mut u = self.base.clone();
        let _ = u.set_password(None);
        let _ = u.set_username("");
        u.to_string().trim_end_matches('/').to_string()
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.base.as_str().trim_end_matches('/'))
    }

    /// Runs `f` on the connection's runtime and waits for it.
    pub(crate) fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// One request per item, [`IN_FLIGHT`] at a time on the connection's runtime, waited for: the answers in
    /// the order they came; the first failure stops the rest.
    pub(crate) fn all<I, T, Fut>(&self, items: Vec<I>, one: impl Fn(I) -> Fut) -> Result<Vec<T>, Error>
    where
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        use futures::StreamExt;
        self.runtime.block_on(async {
            let mut stream = futures::stream::iter(items.into_iter().map(one)).buffer_unordered(IN_FLIGHT);
            let mut out = Vec::new();
            while let Some(a) = stream.next().await {
                out.push(a?);
            }
            Ok(out)
        })
    }

    /// An answer's series and the count of samples that were not numbers, or why it is not the API's.
    pub(crate) fn parse(&self, body: &str) -> Result<(Vec<crate::parse::Series>, usize), Error> {
        crate::parse::parse_answer(body).map_err(|why| Error::Answer { url: self.url(), why })
    }

    /// An instant query at `time_ms`: the answer's body.
    pub(crate) async fn query(&self, promql: &str, time_ms: i64) -> Result<String, Error> {
        let url = self.endpoint("/api/v1/query");
        let form = [("query", promql.to_string()), ("time", format!("{:.3}", time_ms as f64 / 1000.0))];
        let req = self.client.post(&url).form(&form);
        self.send(req, &url).await
    }

    /// A range query: `promql` evaluated at `start_ms`, `start_ms + step_ms`, … up to `end_ms`.
    pub(crate) async fn query_range(&self, promql: &str, start_ms: i64, end_ms: i64, step_ms: i64) -> Result<String, Error> {
        let url = self.endpoint("/api/v1/query_range");
        let secs = |ms: i64| format!("{:.3}", ms as f64 / 1000.0);
        let form = [("query", promql.to_string()), ("start", secs(start_ms)), ("end", secs(end_ms)), ("step", secs(step_ms))];
        let req = self.client.post(&url).form(&form);
        self.send(req, &url).await
    }

    /// POSTs `body` to `path`.
    pub(crate) async fn post(&self, path: &str, body: Vec<u8>) -> Result<String, Error> {
        let url = self.endpoint(path);
        let req = self.client.post(&url).body(body);
        self.send(req, &url).await
    }

    /// GETs `path`.
    pub(crate) async fn get(&self, path: &str) -> Result<String, Error> {
        let url = self.endpoint(path);
        let req = self.client.get(&url);
        self.send(req, &url).await
    }

    async fn send(&self, mut req: reqwest::RequestBuilder, url: &str) -> Result<String, Error> {
        if let Some((h, v)) = &self.auth {
            req = req.header(h.as_str(), v.as_str());
        }
        let shown = self.url();
        let fail = |e: reqwest::Error| classify(e, &shown, self.timeout_ms);
        let mut resp = req.send().await.map_err(fail)?;
        let status = resp.status();
        let mut body: Vec<u8> = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(fail)? {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(Error::TooLarge { url: url.to_string(), limit_mb: MAX_ANSWER_BYTES >> 20 });
            }
            body.extend_from_slice(&chunk);
        }
        let text = String::from_utf8_lossy(&body).into_owned();
        // An HTML page (a web server, a login page, a proxy's error) is not the API, whatever its status.
        if text.trim_start().starts_with('<') {
            return Err(Error::NotApi { url: url.to_string(), status: status.as_u16() });
        }
        if !status.is_success() {
            let snippet: String = text.chars().take(300).collect();
            return Err(Error::Http { url: url.to_string(), status: status.as_u16(), body: snippet.trim().to_string() });
        }
        Ok(text)
    }
}

fn classify(e: reqwest::Error, url: &str, timeout_ms: i64) -> Error {
    if e.is_timeout() {
        return Error::Timeout { url: url.to_string(), ms: timeout_ms };
    }
    // The innermost cause says most ("Connection refused").
    let mut words = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = src {
        words = s.to_string();
        src = s.source();
    }
    Error::Connect { url: url.to_string(), error: words }
}
