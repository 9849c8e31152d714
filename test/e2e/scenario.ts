// What a scenario is given and what it declares.

import * as path from 'node:path';
import type { Workbench } from './workbench';

export const ROOT = path.resolve(__dirname, '../..');
export const WORKSPACE_FIXTURE = path.join(__dirname, 'workspace');

export interface ScenarioContext {
  workbench: Workbench;
  /** This scenario's own copy of the fixture workspace: edits stay in it. */
  workspace: string;
  /** Saves an extra screenshot, named after the scenario and `label`. */
  screenshot(label: string): Promise<void>;
}

export interface Scenario {
  /** File-name friendly, for screenshots. */
  name: string;
  title: string;
  /** true: workspace trust stays on and the folder opens in Restricted Mode. */
  restricted: boolean;
  run(ctx: ScenarioContext): Promise<void>;
}
