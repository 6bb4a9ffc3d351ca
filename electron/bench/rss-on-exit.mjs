// Preloaded into the benchmarked CLI (node --import): reports the process's peak RSS on exit through fd 3.
// Worker threads live in the same process, so this covers them too.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(3, `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`));
