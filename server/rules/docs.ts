// Rule documentation links, derived from the rule code and the repository in package.json.

import { repository } from '../../package.json';

const DOCS_BASE = `${repository.url.replace(/\.git$/, '')}/blob/main/docs/rules/`;

export function ruleDocsUrl(code: string): string {
  return `${DOCS_BASE}${code.toUpperCase()}.md`;
}
