import { UsageError } from '../usage';

// Placeholder until the owning issue lands; it fails loudly instead of pretending.
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError("'gradient' is not implemented yet");
}
