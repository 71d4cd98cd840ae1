import { z } from 'zod';
import { filePath, id, labelName, labels, pattern } from './common.ts';

/** A Kubernetes object name (RFC 1123 subdomain, as Secrets and namespaces take them). */
export const kubernetesName = pattern(/^[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?$/, 'schema/kubernetes-name',
  'must be a Kubernetes name: lowercase letters, digits, dashes and dots, starting and ending with a letter or digit');

/** A key inside a Kubernetes Secret or ConfigMap. */
const secretKey = pattern(/^[-._a-zA-Z0-9]+$/, 'schema/kubernetes-name', 'must be a Secret key: letters, digits, -, _ and .');

/** Where a Kubernetes Secret holds what the files delivery reads from a file. */
export const secretReference = z.strictObject({
  /** The Secret's name, in the namespace of the object that reads it. @example 'alertmanager-credentials' */
  secret: kubernetesName,
  /** The key that holds the file's content. @example 'slack-webhook-url' */
  key: secretKey,
  /** For basic auth: the key that holds the user name. @default 'username' */
  usernameKey: secretKey.optional(),
});

/** How Prometheus finds an endpoint's targets on Kubernetes: a ServiceMonitor (or PodMonitor) selects them. */
export const kubernetesDiscovery = z.strictObject({
  /** `service` makes a ServiceMonitor; `pod` a PodMonitor for pods no Service fronts. @default 'service' */
  kind: z.enum(['service', 'pod']).optional(),
  /** Namespace of the Services or pods; the monitor is written there. @example 'genesis' */
  namespace: kubernetesName,
  /** Labels the Services (or pods) carry. @example { 'app.kubernetes.io/name': 'genesis-orchestrator' } */
  selector: z.record(z.string().min(1), z.string()).refine((s) => Object.keys(s).length > 0, { message: 'must name at least one label', params: { code: 'delivery/discovery' } }),
  /** The named port of the Service (or container) that serves the metrics. @example 'http-metrics' */
  port: pattern(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'schema/kubernetes-name', 'must be a port name such as http-metrics'),
});

/** Delivery through prometheus-operator (kube-prometheus-stack): objects under out/kubernetes/. */
export const operatorDelivery = z.strictObject({
  /** Namespace of the PrometheusRules, Probes, the Alertmanager Secret and the Grafana ConfigMaps. @default 'monitoring' */
  namespace: kubernetesName.optional(),
  /**
   * Labels the Prometheus resource's selectors expect (ruleSelector, serviceMonitorSelector,
   * podMonitorSelector, probeSelector); every monitoring object carries them.
   * @example { release: 'kube-prometheus-stack' }
   */
  selectorLabels: labels.optional(),
  /** The Alertmanager resource's `configSecret`: the Secret that holds alertmanager.yaml and the templates. @default 'alertmanager-monac' */
  alertmanagerSecret: kubernetesName.optional(),
  /** Grafana's dashboard sidecar. */
  grafana: z.strictObject({
    /** Namespace the sidecar searches. @default the delivery's namespace */
    namespace: kubernetesName.optional(),
    /** Annotation holding each dashboard's folder, as the sidecar's `folderAnnotation` names it. @default 'grafana_folder' */
    folderAnnotation: z.string().min(1).optional(),
  }).optional(),
  /**
   * The Secret keys that hold what the files delivery reads from files, by that file's path:
   * credentials of receivers and scrape endpoints. The Alertmanager resource must list each
   * Alertmanager secret in `spec.secrets`; the operator mounts it at /etc/alertmanager/secrets/<secret>/.
   * @example { '/etc/alertmanager/secrets/slack-webhook-url': { secret: 'alertmanager-credentials', key: 'slack-webhook-url' } }
   */
  secrets: z.record(filePath, secretReference).optional(),
});

/** How the output reaches the systems that load it. Each declared delivery is written by every build. */
export const delivery = z.strictObject({
  /** prometheus.yml, rule files, alertmanager.yml and Grafana provisioning, for hosts and docker-compose. @default true */
  files: z.boolean().optional(),
  /** prometheus-operator objects under out/kubernetes/. Needs `targets.prometheusOperator`. */
  prometheusOperator: operatorDelivery.optional(),
});

/** Where a rule group is evaluated. */
export const ruleEvaluation = z.discriminatedUnion('engine', [
  /** The Prometheus that scrapes: rule files under out/prometheus/rules/ (and PrometheusRules). */
  z.strictObject({ engine: z.literal('prometheus') }),
  /** A Mimir or Cortex ruler: one file per namespace under out/mimir/rules/, as `mimirtool rules load` takes it. */
  z.strictObject({
    engine: z.literal('mimir'),
    /** The ruler namespace. @default the service id */
    namespace: id.optional(),
    /** Tenants the group queries, for federated rule groups. */
    sourceTenants: z.array(z.string().min(1)).min(1).optional(),
  }),
  /** A Thanos Ruler: rule files under out/thanos/rules/. */
  z.strictObject({
    engine: z.literal('thanos'),
    /** What the ruler does when a store answers partially. @default 'abort' */
    partialResponseStrategy: z.enum(['warn', 'abort']).optional(),
  }),
  /** vmalert over VictoriaMetrics: rule files under out/vmalert/rules/. */
  z.strictObject({ engine: z.literal('vmalert') }),
]);

/** What a ruler accepts of one tenant. 0 is no limit. */
export const rulerLimits = z.strictObject({
  /** Most rules in one group: Mimir's -ruler.max-rules-per-rule-group. */
  rulesPerGroup: z.int().nonnegative().optional(),
  /** Most groups of the tenant: Mimir's -ruler.max-rule-groups-per-tenant. */
  groupsPerTenant: z.int().nonnegative().optional(),
  /**
   * A group over rulesPerGroup: `error`, or `split` it into groups of at most
   * that many rules, in order (`<name>-1`, `<name>-2`...). Split groups run
   * concurrently: a rule that reads a record of an earlier part sees it one
   * evaluation late. @default 'error'
   */
  overflow: z.enum(['error', 'split']).optional(),
});

/** Rule evaluation settings of the project. */
export const ruleSettings = z.strictObject({
  /**
   * The limits of the rulers the groups are loaded into. Mimir refuses more
   * than 20 rules in a group and 70 groups per tenant unless its operator
   * raised them (its defaults); Thanos Ruler has no such limits.
   * @default { mimir: { rulesPerGroup: 20, groupsPerTenant: 70, overflow: 'error' } }
   */
  limits: z.strictObject({ mimir: rulerLimits.optional(), thanos: rulerLimits.optional() }).optional(),
  /** Where rule groups are evaluated unless a group says otherwise. @default { engine: 'prometheus' } */
  evaluation: ruleEvaluation.optional(),
  /**
   * The external label that tells clusters apart. A ruler over long-term storage sees every
   * cluster; the lint rule `rules/cluster-label-dropped` flags its aggregations that drop it.
   * Must be one of `prometheus.externalLabels`. @example 'cluster'
   */
  clusterLabel: labelName.optional(),
});

export type DeliveryInput = z.input<typeof delivery>;
export type OperatorDelivery = z.output<typeof operatorDelivery>;
export type KubernetesDiscovery = z.output<typeof kubernetesDiscovery>;
export type RuleEvaluation = z.output<typeof ruleEvaluation>;
export type RuleEngine = RuleEvaluation['engine'];
export type SecretReference = z.output<typeof secretReference>;
