/**
 * Criteria as users write them: `po-field`, `po-description`, `supplier-project`, `amount-percent:10`,
 * `amount-absolute:500` (tolerance in the transaction's currency, two decimals at most). The same text is the
 * connection setting, the simulator's `--rules` and what a result names as its rule.
 */
import { AmountError, formatMinor, toMinor, type Minor } from '../money';
import type { Rule } from './types';

export const RULE_NAMES = ['po-field', 'po-description', 'supplier-project', 'amount-percent', 'amount-absolute'] as const;

export const RULES_EXAMPLE = 'po-field,po-description,supplier-project,amount-percent:10,amount-absolute:500';

export class RuleError extends Error {
  override readonly name = 'RuleError';
}

export function parseRule(text: string): Rule {
  const [name, arg, extra] = text.trim().split(':');
  const bare = (rule: Rule): Rule => {
    if (arg !== undefined) throw new RuleError(`criterion "${text}" takes no tolerance; write "${name}"`);
    return rule;
  };
  const tolerance = (unit: string): string => {
    if (arg === undefined || arg === '' || extra !== undefined) throw new RuleError(`criterion "${text}" needs one tolerance in ${unit}, e.g. "${name}:${name === 'amount-percent' ? '10' : '500'}"`);
    if (arg.trim().startsWith('-')) throw new RuleError(`criterion "${text}": a tolerance cannot be negative`);
    return arg.trim();
  };
  switch (name) {
    case 'po-field': return bare({ name });
    case 'po-description': return bare({ name });
    case 'supplier-project': return bare({ name });
    case 'amount-percent': {
      const value = tolerance('percent');
      const percent = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(percent)) throw new RuleError(`criterion "${text}": "${value}" is not a percentage, e.g. 10 or 2.5`);
      if (percent > 100) throw new RuleError(`criterion "${text}": a tolerance above 100 % matches any amount; use at most 100`);
      return { name, percent };
    }
    case 'amount-absolute': {
      const value = tolerance('the transaction currency');
      try {
        return { name, tolerance: toMinor(value) };
      } catch (err) {
        if (err instanceof AmountError) throw new RuleError(`criterion "${text}": ${err.message}`);
        throw err;
      }
    }
    default:
      throw new RuleError(`unknown criterion "${text}": the criteria are ${RULE_NAMES.join(', ')} (e.g. ${RULES_EXAMPLE})`);
  }
}

/** A comma-separated list, in the order the cascade tries them; each criterion at most once. */
export function parseRules(list: string | readonly string[]): Rule[] {
  const texts = typeof list === 'string' ? list.split(',').filter((t) => t.trim() !== '') : list;
  if (texts.length === 0) throw new RuleError(`no criteria given; e.g. ${RULES_EXAMPLE}`);
  const rules = texts.map(parseRule);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.name)) throw new RuleError(`criterion ${rule.name} is listed twice; each runs once, in the order given`);
    seen.add(rule.name);
  }
  return rules;
}

export function ruleText(rule: Rule): string {
  switch (rule.name) {
    case 'amount-percent': return `${rule.name}:${rule.percent}`;
    case 'amount-absolute': return `${rule.name}:${trimCents(rule.tolerance)}`;
    default: return rule.name;
  }
}

function trimCents(minor: Minor): string {
  return formatMinor(minor).replace(/\.00$/, '');
}
