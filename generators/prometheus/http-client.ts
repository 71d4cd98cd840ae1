import type { Authorization, BasicAuth, RelabelRule, TlsConfig } from '../../schemas/scrape.ts';

/** The HTTP client keys Prometheus shares between scrape jobs, Alertmanagers and remote write. */
export function httpClient(client: { tls?: TlsConfig | undefined; basicAuth?: BasicAuth | undefined; authorization?: Authorization | undefined }) {
  const { tls, basicAuth, authorization } = client;
  return {
    tls_config: tls && {
      ca_file: tls.caFile,
      cert_file: tls.certFile,
      key_file: tls.keyFile,
      server_name: tls.serverName,
      insecure_skip_verify: tls.insecureSkipVerify,
    },
    basic_auth: basicAuth && { username: basicAuth.username, password_file: basicAuth.passwordFile },
    authorization: authorization && { type: authorization.type, credentials_file: authorization.credentialsFile },
  };
}

export function relabelConfigs(rules: readonly RelabelRule[]) {
  if (rules.length === 0) return undefined;
  return rules.map((rule) => ({
    source_labels: rule.sourceLabels,
    separator: rule.separator,
    target_label: rule.targetLabel,
    regex: rule.regex,
    modulus: rule.modulus,
    replacement: rule.replacement,
    action: rule.action,
  }));
}
