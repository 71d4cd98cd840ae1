import { z } from 'zod';
import { id, positiveDuration, url } from './common.ts';
import { severities } from './severity.ts';
import { recordSource } from './source.ts';

/** Markdown: one paragraph, or a list of steps (each item one step; fenced code blocks allowed). */
const markdown = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * What the responder reads in the alert's section of its service's runbook
 * page (`out/docs/runbooks/<service>.md#<alert>`). Every field is optional:
 * the page is generated from the alert, its routing and its SLO either way.
 */
export const runbook = z.strictObject({
  /** What the alert means, in plain words. @default the alert's summary and description */
  meaning: markdown.optional(),
  /** Who or what suffers while it fires. */
  impact: markdown.optional(),
  /** Steps to find the cause. @example ['Check the orchestrator dashboard', 'sudo journalctl -u genesis-orchestrator -n 50'] */
  diagnosis: markdown.optional(),
  /** Steps that stop the damage; the lint rule alert/runbook-missing asks for them. */
  mitigation: markdown.optional(),
  /** What the automation does when the alert reaches it (a webhook receiver), so the responder knows what has already happened. */
  automated: z.string().min(1).optional(),
  /** Further reading. */
  links: z.array(z.strictObject({ title: z.string().min(1), url })).optional(),
});

export type RunbookInput = z.input<typeof runbook>;
export type Runbook = z.output<typeof runbook>;

/** One level of an escalation policy: who is told, how, and how fast they answer. */
export const escalationLevel = z.strictObject({
  /** @example 'Primary' */
  name: z.string().min(1),
  /** @example 'On-call engineer' */
  who: z.string().min(1),
  /** Receivers of the Alertmanager config that reach them. */
  receivers: z.array(z.string().min(1)).optional(),
  /** Other ways to reach them (phone bridge, chat channel). */
  contact: z.string().min(1).optional(),
  /** Time to acknowledge. @example '5m' */
  respondWithin: positiveDuration,
  /** Escalate to the next level after this long unresolved. @example '30m' */
  escalateAfter: positiveDuration.optional(),
  /** @example 'Initial response, basic troubleshooting' */
  responsibilities: z.string().min(1).optional(),
});

/** An incident class (P0, P1, ...) and the alert severities that open one. */
export const incidentClass = z.strictObject({
  /** @example 'P0' */
  name: z.string().min(1),
  /** @example 'Complete service outage (over 30 seconds down)' */
  meaning: z.string().min(1),
  /** Alert severities that start this class of incident. */
  severities: z.array(z.enum(severities)).optional(),
  /** What the class requires. @example 'War room; status page within 5 minutes; post-mortem within 48 hours' */
  response: z.string().min(1).optional(),
});

/** Who answers a team's alerts (or, without `team`, every team's that has no policy of its own). */
export const escalationPolicy = z.strictObject({
  /** The team whose alerts this policy covers. @default every team without a policy of its own */
  team: id.optional(),
  levels: z.array(escalationLevel).min(1),
  classes: z.array(incidentClass).optional(),
});

export type EscalationPolicyInput = z.input<typeof escalationPolicy>;
export type EscalationPolicy = z.output<typeof escalationPolicy>;

/** Declares an escalation policy and records where. */
export function defineEscalation(input: EscalationPolicyInput): EscalationPolicyInput {
  return recordSource({ ...input });
}

/** The generated on-call documentation (out/docs/). */
export const docsSettings = z.strictObject({
  /**
   * The lowest severity whose alerts must declare `runbook.mitigation`
   * (lint rule alert/runbook-missing). @default 'info': every alert
   */
  requireMitigation: z.enum(severities).optional(),
  /**
   * Handlebars templates that replace the built-in ones, by page kind; paths
   * relative to the file that declares the project.
   * @example { runbook: 'templates/runbook.hbs' }
   */
  templates: z.strictObject({
    index: z.string().min(1).optional(),
    runbook: z.string().min(1).optional(),
    escalation: z.string().min(1).optional(),
    maintenance: z.string().min(1).optional(),
    routing: z.string().min(1).optional(),
  }).optional(),
  /** How long the silence commands in the runbooks last. @default '2h' */
  silenceDuration: positiveDuration.optional(),
});
