// The rule registry, sorted by code. Each rule lives in its own `ACTnnn-name.ts` file.

import type { Rule } from './types';
import { rule as ACT001 } from './ACT001-saturating-hidden-stack';
import { rule as ACT002 } from './ACT002-sigmoid-hidden-activation';
import { rule as ACT010 } from './ACT010-sigmoid-before-bce';
import { rule as ACT011 } from './ACT011-softmax-before-cross-entropy';
import { rule as ACT012 } from './ACT012-logits-without-from-logits';
import { rule as ACT020 } from './ACT020-linear-hidden-stack';
import { rule as ACT030 } from './ACT030-output-activation-mismatch';
import { rule as ACT031 } from './ACT031-double-activation';
import { rule as ACT040 } from './ACT040-softmax-implicit-dim';

export const RULES: readonly Rule[] = [ACT001, ACT002, ACT010, ACT011, ACT012, ACT020, ACT030, ACT031, ACT040]
  .sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function getRule(code: string): Rule | undefined {
  return BY_CODE.get(code.toUpperCase());
}
