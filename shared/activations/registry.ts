// The registry: every activation definition in one list sorted by id, and parameter resolution.
import { EXPONENTIAL_UNITS } from './defs/exponential';
import { GATED } from './defs/gated';
import { HARD } from './defs/hard';
import { RECTIFIERS } from './defs/rectifiers';
import { SHRINK } from './defs/shrink';
import { SIGMOIDAL } from './defs/sigmoidal';
import { SOFTMAX } from './defs/softmax';
import type { ActivationDef, ParamSpec, ParamValues } from './types';

export const ACTIVATIONS: readonly ActivationDef[] = [
  ...RECTIFIERS,
  ...EXPONENTIAL_UNITS,
  ...SIGMOIDAL,
  ...GATED,
  ...HARD,
  ...SHRINK,
  ...SOFTMAX,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID = new Map(ACTIVATIONS.map((d) => [d.id, d]));

export function getActivation(id: string): ActivationDef | undefined {
  return BY_ID.get(id);
}

/** A rejected parameter: `param` names it (undefined for a constraint between parameters). */
export class ParamError extends RangeError {
  constructor(
    message: string,
    readonly activation: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

// The derived properties sample [-15, 15], the kinks, and x up to 1e300: validated for parameters
// within these magnitudes. Scale parameters (beta, celu alpha) also stay above the reciprocal.
const PARAM_MAGNITUDE = 1e6;

function checkValue(def: ActivationDef, spec: ParamSpec, value: number | string): void {
  const where = `parameter '${spec.name}' of ${def.id}`;
  if (spec.choices) {
    if (typeof value !== 'string' || !spec.choices.includes(value)) {
      throw new ParamError(`${where} must be one of ${spec.choices.map((c) => `'${c}'`).join(', ')}, got ${JSON.stringify(value)}`, def.id, spec.name);
    }
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ParamError(`${where} must be a finite number, got ${JSON.stringify(value)}`, def.id, spec.name);
  }
  if (spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min)) {
    throw new ParamError(`${where} must be ${spec.exclusiveMin ? '>' : '>='} ${spec.min}, got ${value}`, def.id, spec.name);
  }
  if (spec.max !== undefined && value > spec.max) {
    throw new ParamError(`${where} must be <= ${spec.max}, got ${value}`, def.id, spec.name);
  }
  if (Math.abs(value) > PARAM_MAGNITUDE || (spec.exclusiveMin && value < 1 / PARAM_MAGNITUDE)) {
    const bounds = spec.exclusiveMin ? `between ${1 / PARAM_MAGNITUDE} and ${PARAM_MAGNITUDE}` : `within ±${PARAM_MAGNITUDE}`;
    throw new ParamError(`${where} must be ${bounds} (the range the core is validated for), got ${value}`, def.id, spec.name);
  }
}

/** Defaults merged with overrides; throws RangeError (a ParamError) naming the parameter for unknown names or invalid values. */
export function resolveParams(def: ActivationDef, overrides?: Record<string, number | string>): ParamValues {
  const values: Record<string, number | string> = {};
  for (const spec of def.params) values[spec.name] = spec.default;
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const spec = def.params.find((s) => s.name === name);
    if (!spec) {
      const accepted = def.params.length ? `accepted: ${def.params.map((s) => s.name).join(', ')}` : 'it takes no parameters';
      throw new ParamError(`unknown parameter '${name}' for ${def.id} (${accepted})`, def.id, name);
    }
    checkValue(def, spec, value);
    values[name] = value;
  }
  const conflict = def.checkParams?.(values);
  if (conflict) throw new ParamError(`invalid parameters for ${def.id}: ${conflict}`, def.id);
  return Object.freeze(values);
}
