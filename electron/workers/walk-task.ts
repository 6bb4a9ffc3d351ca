import { describeFsError } from '../lib/fs-errors';
import type { InventoryProgress, InventoryResult, WalkTask } from './protocol';
import type { WalkEvent } from '../model/inventory';
import { walk } from './walk';

const BATCH = 500;
/** A slow file system still shows progress (and keeps the pool's time limit from firing) this often. */
const BATCH_MS = 100;

/** Walks a source in the worker and streams the listing back in batches. */
export async function walkTask(task: WalkTask, progress: (p: InventoryProgress) => void): Promise<InventoryResult> {
  let events: WalkEvent[] = [];
  let last = performance.now();
  try {
    for (const event of walk(task.root)) {
      events.push(event);
      if (events.length < BATCH && performance.now() - last < BATCH_MS) continue;
      progress({ type: 'walked', events });
      events = [];
      last = performance.now();
    }
  } catch (e) {
    throw new Error(describeFsError(e, `cannot list ${task.root}`));
  }
  if (events.length) progress({ type: 'walked', events });
  return { type: 'walked' };
}
