import type { LintLevel, TargetVersions } from '../../schemas/project.ts';
import type {
  Authorization, BasicAuth, ExporterKind, RelabelRule, ScrapeEndpoint, TlsConfig,
} from '../../schemas/scrape.ts';
import type { Duration } from '../../schemas/duration.ts';
import type { z } from 'zod';
import type { alertmanagerTarget, remoteWrite } from '../../schemas/scrape.ts';
import type { alertmanager } from '../../schemas/alertmanager.ts';
import type { Slo } from '../../schemas/slo.ts';
import type { ScalingPolicy } from '../../schemas/scaling.ts';
import type { Dashboard } from '../../schemas/dashboard.ts';
import type { AlertTest, MetricType, recordTest, Severity } from '../../schemas/rules.ts';
import type { EscalationPolicy, Runbook } from '../../schemas/runbook.ts';
import type { PostDeploy } from '../../schemas/verification.ts';
import type { KubernetesDiscovery, OperatorDelivery, RuleEvaluation } from '../../schemas/delivery.ts';

/**
 * Where a model element came from: the declaration the user passed and the
 * path to the element inside it. Diagnostics of later stages locate fields
 * through it.
 */
export interface Site {
  /** The declaration as the user wrote it (a defineService() result, the project). */
  readonly root: unknown;
  readonly path: readonly PropertyKey[];
  /** How diagnostics name it: `genesis-orchestrator.endpoints[0]`. */
  readonly subject: string;
}

export type Labels = Readonly<Record<string, string>>;

/** The normalized, fully defaulted estate. Generators see only this. */
export interface Model {
  readonly project: ProjectModel;
  /** Sorted by id. */
  readonly services: readonly ServiceModel[];
  /** Sorted by job name. */
  readonly scrapeJobs: readonly ScrapeJob[];
  /** Every metric the estate is known to produce, by name. */
  readonly metrics: ReadonlyMap<string, MetricInfo>;
  /** Declared dashboards as validated, in declared order; generated ones are built from the rest of the model. */
  readonly dashboards: readonly { readonly dashboard: Dashboard; readonly site: Site }[];
}

export interface MetricInfo {
  readonly type: MetricType | 'unknown';
  /** Job names that expose it; `rule:<rule file>` for recording rules. */
  readonly producers: readonly string[];
}

export interface ProjectModel {
  readonly name: string;
  readonly targets: TargetVersions;
  readonly prometheus: PrometheusModel;
  readonly lint: Readonly<Record<string, LintLevel>>;
  readonly links: {
    readonly runbooks?: string | undefined;
    readonly grafana?: string | undefined;
    readonly prometheus?: string | undefined;
    readonly alertmanager?: string | undefined;
  };
  /** Declared escalation policies, in declared order. */
  readonly escalation: readonly { readonly policy: EscalationPolicy; readonly site: Site }[];
  readonly docs: DocsModel;
  readonly alertmanager?: AlertmanagerModel | undefined;
  /** Absent: no Grafana output. */
  readonly grafana?: GrafanaModel | undefined;
  readonly delivery: DeliveryModel;
  readonly rules: {
    /** The project's default; each group carries its own. */
    readonly evaluation: RuleEvaluation;
    readonly clusterLabel?: string | undefined;
    /** What each ruler accepts; 0 is no limit. */
    readonly limits: Readonly<Record<'mimir' | 'thanos', { readonly rulesPerGroup: number; readonly groupsPerTenant: number; readonly overflow: 'error' | 'split' }>>;
  };
  /** out/stack/docker-compose.yml publishes its ports on this host address only. */
  readonly stack: { readonly publishAddress: string };
  /** Packs of upstream content, each with the absolute folder it was read from: findings located there are about upstream content. */
  readonly packs: readonly { readonly name: string; readonly folder: string }[];
  readonly site: Site;
}

/** The declared deliveries with every default applied. */
export interface DeliveryModel {
  /** out/prometheus/, out/alertmanager/ and out/grafana/ as plain files. */
  readonly files: boolean;
  readonly operator?: OperatorModel | undefined;
}

export interface OperatorModel {
  readonly version: string | undefined;
  readonly namespace: string;
  readonly selectorLabels: Labels;
  readonly alertmanagerSecret: string;
  readonly grafana: { readonly namespace: string; readonly folderAnnotation: string };
  readonly secrets: NonNullable<OperatorDelivery['secrets']>;
  readonly site: Site;
}

/** Page kinds of out/docs/, each a Handlebars template a project may replace. */
export const docPageKinds = ['index', 'runbook', 'escalation', 'maintenance', 'routing'] as const;
export type DocPageKind = (typeof docPageKinds)[number];

/** The on-call documentation settings with every default applied. */
export interface DocsModel {
  /** Whether out/docs/ gets the on-call pages: the project links runbooks or sets `docs`. */
  readonly pages: boolean;
  /** The lowest severity whose alerts must declare a mitigation. */
  readonly requireMitigation: Severity;
  readonly silenceDuration: Duration;
  /** Template sources that replace the built-in ones, read when the project was validated. */
  readonly templates: Readonly<Partial<Record<DocPageKind, string>>>;
}

/** Services whose generated dashboards have the same panels: one templated dashboard with a `$service` drop-down. */
export interface ServiceKind {
  /** The dashboard id: the service id for a kind of one, else `services-` and a hash of the panels. */
  readonly id: string;
  readonly title: string;
  /** Service ids, sorted. */
  readonly members: readonly string[];
}

/** Grafana settings with every default applied. */
export interface GrafanaModel {
  readonly datasource: {
    readonly name: string;
    readonly uid: string;
    readonly url: string;
    readonly basicAuth?: { readonly username: string; readonly passwordFile: string } | undefined;
  };
  readonly dashboardsPath: string;
  readonly serviceDashboards: 'templated' | 'per-service' | false;
  readonly sloDashboards: 'templated' | 'per-slo' | false;
  /** With templated service dashboards: the kinds of service, each one dashboard. */
  readonly serviceKinds: readonly ServiceKind[];
  readonly infrastructure: false | { readonly id: string; readonly title: string; readonly folder: string };
  readonly site: Site;
}

/** The Alertmanager declaration as validated; generators default the rest. */
export interface AlertmanagerModel {
  readonly config: z.output<typeof alertmanager>;
  readonly site: Site;
}

export interface PrometheusModel {
  readonly scrapeInterval: Duration;
  readonly scrapeTimeout: Duration;
  readonly evaluationInterval: Duration;
  readonly externalLabels: Labels;
  readonly retention?: { readonly time?: Duration | undefined; readonly size?: string | undefined } | undefined;
  readonly alertmanagers: readonly z.output<typeof alertmanagerTarget>[];
  /** Sorted by name. */
  readonly remoteWrite: readonly z.output<typeof remoteWrite>[];
}

export interface ServiceModel {
  readonly id: string;
  readonly description?: string | undefined;
  readonly team: string;
  readonly labels: Labels;
  readonly ruleGroups: readonly RuleGroupModel[];
  /** The SLO declarations as validated; their rules are already in ruleGroups. */
  readonly slos: readonly { readonly slo: Slo; readonly site: Site }[];
  /** Scaling policies as validated. */
  readonly scaling: readonly { readonly policy: ScalingPolicy; readonly site: Site }[];
  /** The post-deployment checks as validated; generators/model/verification.ts plans them. */
  readonly postDeploy?: { readonly spec: PostDeploy; readonly site: Site } | undefined;
  readonly site: Site;
}

/** A rule group before the project says where it is evaluated. */
export type UnplacedRuleGroup = Omit<RuleGroupModel, 'evaluation'>;

export interface RuleGroupModel {
  readonly name: string;
  /** Where the group is evaluated: the group's own choice, else the project's. */
  readonly evaluation: RuleEvaluation;
  readonly service: string;
  /** The SLO whose fixed templates built these rules: their PromQL is checked through the SLI's selectors, not parsed again. */
  readonly fromSlo?: string | undefined;
  /** Rule file name without .yml, when not the service's own (SLOs get one each). */
  readonly file?: string | undefined;
  /** Evaluation interval of this file's unit tests. @default the project's */
  readonly testEvaluationInterval?: string | undefined;
  readonly interval?: Duration | undefined;
  readonly limit?: number | undefined;
  /** In declared order: later records may use earlier ones. */
  readonly records: readonly RecordModel[];
  /** Sorted by name. */
  readonly alerts: readonly AlertModel[];
  readonly site: Site;
}

export interface AlertModel {
  readonly name: string;
  readonly service: string;
  readonly expr: string;
  readonly for?: Duration | undefined;
  readonly keepFiringFor?: Duration | undefined;
  readonly severity: Severity;
  /** All labels the rule sets: severity, team, service and the declared ones; sorted. */
  readonly labels: Labels;
  /** summary, description, runbook_url, dashboard_url and the declared ones; sorted. */
  readonly annotations: Labels;
  /** What the responder does; generated alerts (scaling) bring their own. */
  readonly runbook?: Runbook | undefined;
  readonly tests: readonly AlertTest[];
  readonly site: Site;
}

export interface RecordModel {
  readonly name: string;
  readonly service: string;
  readonly expr: string;
  readonly labels: Labels;
  readonly tests: readonly z.output<typeof recordTest>[];
  readonly site: Site;
}

/** One scrape job with every default applied. */
export interface ScrapeJob {
  readonly jobName: string;
  readonly service: string;
  readonly exporter?: ExporterKind | undefined;
  readonly metricsPath: string;
  readonly scheme: 'http' | 'https';
  readonly interval: Duration;
  readonly timeout: Duration;
  readonly params?: Readonly<Record<string, readonly string[]>> | undefined;
  readonly honorLabels: boolean;
  readonly targets?: readonly string[] | undefined;
  readonly fileSd?: ScrapeEndpoint['fileSd'];
  readonly probe?: { readonly module: string; readonly prober: string; readonly urls: readonly string[] } | undefined;
  /** Target labels: `service`, `team`, the service's labels, then the endpoint's. */
  readonly labels: Labels;
  readonly relabel: readonly RelabelRule[];
  readonly metricRelabel: readonly RelabelRule[];
  readonly tls?: TlsConfig | undefined;
  readonly basicAuth?: BasicAuth | undefined;
  readonly authorization?: Authorization | undefined;
  readonly sampleLimit?: number | undefined;
  readonly keepDroppedTargets?: number | undefined;
  /** How prometheus-operator finds the targets. */
  readonly kubernetes?: KubernetesDiscovery | undefined;
  readonly site: Site;
}
