//! A server's certificate, never trusted silently. A secured session needs the server's certificate in the
//! client's `trusted/` folder; the first time a server is met its certificate is refused (the client library
//! keeps it in `rejected/`), the source's status carries it — subject, SHA-1 thumbprint (what the server's
//! administrator reads off the server to compare), application URI and validity — and the user trusts it from
//! the live sources window (or `plant-twin browse … --trust-server THUMBPRINT`), which writes it to
//! `trusted/`. The source's next try then connects.

use std::path::PathBuf;

use opcua::crypto::{CertificateStore, X509};
use opcua::types::{EndpointDescription, StatusCode};
use plant_i18n::{Msg, msg};

/// A server certificate as the user is shown it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerCertificate {
    pub subject: String,
    /// SHA-1 of the DER form, upper-case hex (as OPC UA tools show it).
    pub thumbprint: String,
    pub application_uri: String,
    /// Validity, UTC, `YYYY-MM-DD`.
    pub not_before: String,
    pub not_after: String,
    der: Vec<u8>,
}

impl ServerCertificate {
    /// The certificate a server's endpoint presents (`None` for an endpoint without one: security None).
    pub fn of_endpoint(endpoint: &EndpointDescription) -> Option<ServerCertificate> {
        let x509 = X509::from_byte_string(&endpoint.server_certificate).ok()?;
        let day = |d: Result<chrono::DateTime<chrono::Utc>, _>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        Some(ServerCertificate {
            subject: x509.subject_name(),
            thumbprint: x509.thumbprint().as_hex_string().to_uppercase(),
            application_uri: endpoint.server.application_uri.as_ref().to_owned(),
            not_before: day(x509.not_before()),
            not_after: day(x509.not_after()),
            der: x509.to_der().ok()?,
        })
    }

    /// The thumbprint in groups of four, to be read aloud and compared.
    pub fn thumbprint_grouped(&self) -> String {
        self.thumbprint.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    }

    fn file_name(&self) -> Option<String> {
        X509::from_der(&self.der).ok().map(|x| CertificateStore::cert_file_name(&x))
    }

    /// Whether the client trusts it (it is in `trusted/`).
    pub fn is_trusted(&self) -> bool {
        self.file_name().is_some_and(|f| super::pki_dir().join("trusted").join(f).is_file())
    }

    /// What the status says of a server whose certificate is not trusted.
    pub fn untrusted_msg(&self) -> Msg {
        msg!("live-opcua-untrusted", subject = self.subject.as_str(), thumbprint = self.thumbprint_grouped(), until = self.not_after.as_str())
    }
}

/// Trusts a server's certificate: written to the client's `trusted/` folder (and taken out of `rejected/`).
/// The user's explicit act; nothing else calls it.
pub fn trust(cert: &ServerCertificate) -> Result<PathBuf, Msg> {
    let fail = |e: String| msg!("live-opcua-trust-failed", error = e);
    let name = cert.file_name().ok_or_else(|| fail("certificate".to_owned()))?; // i18n-ok: the object the error is about
    let dir = super::pki_dir();
    let trusted = dir.join("trusted");
    std::fs::create_dir_all(&trusted).map_err(|e| fail(format!("{}: {e}", trusted.display())))?;
    let path = trusted.join(&name);
    std::fs::write(&path, &cert.der).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    let _ = std::fs::remove_file(dir.join("rejected").join(&name));
    Ok(path)
}

/// Whether a failed connection's status is the server's certificate being refused.
pub fn is_certificate_refusal(status: StatusCode) -> bool {
    [StatusCode::BadCertificateUntrusted, StatusCode::BadSecurityChecksFailed, StatusCode::BadCertificateInvalid].contains(&status)
}
