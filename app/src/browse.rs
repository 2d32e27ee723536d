//! `plant-twin browse`: an OPC UA server's variables, and a sources file mapping them to a site's meters.

use plant_i18n::t;

use crate::cli::BrowseArgs;

/// Lists the variables; writes the sources file if asked. The error is in the current language.
pub fn run(args: &BrowseArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let user = match (&args.user, &args.password_env) {
        (Some(u), Some(env)) => {
            if !plant_live::credential_env_allowed(env) {
                return Err(failed(t!("app-browse-env", variable = env.as_str())));
            }
            Some((u.clone(), std::env::var(env).map_err(|_| failed(t!("app-browse-env-unset", variable = env.as_str())))?))
        }
        (Some(u), None) => Some((u.clone(), String::new())),
        _ => None,
    };
    let site = match &args.site {
        Some(p) => Some(plant_site::open(p).map_err(|d| d.to_string())?.site),
        None => None,
    };
    if args.write_sources.is_some() && site.is_none() {
        return Err(failed(t!("app-browse-needs-site")));
    }
    let variables = plant_live::browse::browse(&args.url, &args.security_policy, &args.security_mode, user, args.trust_server.as_deref()).map_err(|m| failed(m.text()))?;
    let mut text = String::new();
    for v in &variables {
        let unit = v.unit.as_deref().unwrap_or("");
        text.push_str(&format!("{}\t{}\t{}\t{unit}\n", v.path.join(" / "), v.node, v.data_type));
    }
    crate::whatif::out(&text);
    if let (Some(path), Some(site)) = (&args.write_sources, &site) {
        let file = plant_live::browse::sources_file(&args.url, site, &variables);
        crate::report::write_atomically(path, &file).map_err(|e| failed(format!("{}: {e}", path.display())))?;
        eprintln!("{}", t!("app-browse-written", file = path.display().to_string(), count = variables.len()));
    }
    Ok(())
}
