import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { KeyFrameInfo, KeyFrameReason, VideoKeyFrames } from '../../../shared/domain/visual';
import { packageFile, packageVersion } from './package-file';

/**
 * ffmpeg comes from `@ffmpeg-installer/<platform>-<arch>` (a static build inside the npm package, GPLv3; nothing is
 * downloaded at install time, unlike `ffmpeg-static`, whose install script fetches the binary and fails offline).
 * `@ffmpeg-installer/ffmpeg` lists every platform package as an optional dependency, so npm installs the right one.
 * Its own index.js is not used: it does not know about asar. In a packaged app the binary must be listed under
 * `asarUnpack` (electron-builder.yml) and is run from `app.asar.unpacked/node_modules/@ffmpeg-installer/…`, which
 * packageFile() maps to; a child process cannot execute a file inside the asar archive.
 * WORKBENCH_FFMPEG overrides the binary (for a newer system ffmpeg).
 */
export function ffmpegPath(): string {
  if (process.env.WORKBENCH_FFMPEG) return process.env.WORKBENCH_FFMPEG;
  const platform = `${process.platform}-${process.arch}`;
  return packageFile(`@ffmpeg-installer/${platform}`, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
}

/**
 * Demuxers ffmpeg may use on evidence. Playlists (hls, concat), image-sequence patterns and network protocols are left
 * out, so a crafted file cannot make ffmpeg open other files or hosts; with the `file` protocol only, the input is all
 * it reads. (The mov demuxer's external data references stay off, as is ffmpeg's default.)
 */
const DEMUXERS = 'mov,matroska,avi,mpeg,mpegts,mpegvideo,flv,asf,ogg,gif,mxf,dv,h264,hevc,m4v,rm,nut,ivf,yuv4mpegpipe,swf';

export interface KeyFrameOptions {
  /** At most this many frames in all (default 8). */
  maxFrames?: number;
  /** ffmpeg's scene-change score above which a frame starts a new scene, 0–1 (default 0.4). */
  sceneThreshold?: number;
  /** For the whole extraction (default 60 s); frames found before the limit are still returned. */
  timeoutMs?: number;
  /** Frames are scaled down to fit this many pixels on their longer side (default 1280). */
  maxSide?: number;
  /** Videos longer than this (seconds, default 600) look for scene changes among coded key frames only. */
  fullSceneSearchSeconds?: number;
  /** Decoder threads (default 1: the worker pool already runs one task per core). */
  threads?: number;
}

export interface ExtractedKeyFrame {
  info: KeyFrameInfo;
  png: Uint8Array;
}

export interface KeyFrameExtraction {
  video: VideoKeyFrames;
  frames: ExtractedKeyFrame[];
}

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const MAX_LOG_BYTES = 4 * 1024 * 1024;

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

/** Runs ffmpeg with no shell and no stdin; past `timeoutMs` it is killed and what it wrote so far is returned. */
function runFfmpeg(args: readonly string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      Math.max(1, timeoutMs),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.byteLength;
      if (outBytes > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
      else out.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (err.length < MAX_LOG_BYTES) err += chunk;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`ffmpeg could not be started (${ffmpegPath()}): ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err, timedOut });
    });
  });
}

let version: Promise<string> | undefined;

/** `ffmpeg <version> (<package>@<version>)`, for recording which decoder produced the frames. */
export function ffmpegVersion(): Promise<string> {
  version ??= runFfmpeg(['-version'], 10_000).then((run) => {
    const reported = /ffmpeg version (\S+)/.exec(run.stdout.toString('utf8'))?.[1] ?? 'unknown';
    const pkg = `@ffmpeg-installer/${process.platform}-${process.arch}`;
    return process.env.WORKBENCH_FFMPEG ? `ffmpeg ${reported}` : `ffmpeg ${reported} (${pkg}@${packageVersion(pkg)})`;
  });
  return version;
}

/** Splits concatenated PNG files (ffmpeg's image2pipe output) at their IEND chunks; an incomplete last one is dropped. */
export function splitPngs(bytes: Buffer): Buffer[] {
  const pngs: Buffer[] = [];
  let start = 0;
  while (start + 8 <= bytes.byteLength && bytes.readUInt32BE(start) === 0x89504e47) {
    let at = start + 8;
    let complete = false;
    while (at + 12 <= bytes.byteLength) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      at += 12 + length;
      if (type === 'IEND') {
        complete = at <= bytes.byteLength;
        break;
      }
    }
    if (!complete) break;
    pngs.push(bytes.subarray(start, at));
    start = at;
  }
  return pngs;
}

const pngSize = (png: Buffer): { width: number; height: number } => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

interface Probe {
  container?: string;
  codec?: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
}

/** What `ffmpeg -i` prints about the input: container, first video stream and duration. */
export function parseProbe(log: string): Probe {
  const probe: Probe = {};
  const container = /Input #0, (.+?), from /.exec(log)?.[1];
  if (container) probe.container = container;
  const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(log);
  if (duration) probe.durationSeconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
  const video = /Stream #\d+:\d+[^:]*: Video: ([^\s,(]+)(.*)/.exec(log);
  if (video) {
    probe.codec = video[1];
    const size = /, (\d{1,5})x(\d{1,5})[\s,[]/.exec(video[2] ?? '');
    if (size) {
      probe.width = Number(size[1]);
      probe.height = Number(size[2]);
    }
  }
  return probe;
}

/** `pts_time` of each frame `showinfo` reported, in output order. */
const showinfoTimes = (log: string): number[] =>
  [...log.matchAll(/\] n:\s*\d+ pts:\s*-?\d+ pts_time:(-?[\d.]+)/g)].map((m) => Number(m[1]));

/** Fits the longer side into `max` pixels, never enlarging; keeps even sizes, which some encoders need. */
const scaleFilter = (max: number): string => `scale='if(gte(iw,ih),min(iw,${max}),-2)':'if(gte(iw,ih),-2,min(ih,${max}))'`;

/**
 * A few frames that show what a video is: the first frame, scene changes (ffmpeg's `select` scene score, which needs
 * every frame decoded; for long videos only coded key frames are decoded and compared, which is far cheaper and still
 * catches cuts, since encoders start a new GOP at a cut), and the middle frame. Frames come back as PNG bytes with
 * their times, in time order, scaled to fit `maxSide`, turned as players show them (ffmpeg applies rotation metadata).
 *
 * Evidence integrity: ffmpeg reads the input file read-only and writes only to a pipe; nothing is written next to
 * the evidence. Throws when ffmpeg cannot read the file as video.
 */
export async function extractKeyFrames(file: string, options: KeyFrameOptions = {}): Promise<KeyFrameExtraction> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const maxFrames = Math.max(1, options.maxFrames ?? 8);
  const threads = String(options.threads ?? 1);
  const input = ['-protocol_whitelist', 'file', '-format_whitelist', DEMUXERS];
  const remaining = (): number => deadline - Date.now();

  const probeRun = await runFfmpeg([...input, '-i', file], remaining());
  if (probeRun.timedOut) throw new Error('ffmpeg timed out reading the video header');
  const probe = parseProbe(probeRun.stderr);
  if (!probe.codec) {
    const reason = probeRun.stderr.trim().split('\n').at(-1) ?? 'no video stream';
    throw new Error(`not a readable video: ${reason}`);
  }

  const full = (probe.durationSeconds ?? 0) <= (options.fullSceneSearchSeconds ?? 600);
  const wantMiddle = maxFrames > 1 && (probe.durationSeconds ?? 0) > 0;
  const sceneCap = wantMiddle ? maxFrames - 1 : maxFrames;
  const threshold = options.sceneThreshold ?? 0.4;
  const output = ['-an', '-sn', '-dn', '-vsync', 'vfr', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'];
  const scale = scaleFilter(options.maxSide ?? 1280);

  const sceneRun = await runFfmpeg(
    [
      '-threads',
      threads,
      ...(full ? [] : ['-skip_frame', 'nokey']),
      ...input,
      '-i',
      file,
      '-vf',
      `select='eq(n,0)+gt(scene,${threshold})',${scale},showinfo`,
      '-frames:v',
      String(sceneCap),
      ...output,
    ],
    remaining(),
  );
  const frames: ExtractedKeyFrame[] = [];
  const sceneTimes = showinfoTimes(sceneRun.stderr);
  splitPngs(sceneRun.stdout).forEach((png, i) => {
    const reason: KeyFrameReason = i === 0 ? 'first' : 'scene';
    frames.push({ png, info: { time: Math.max(0, sceneTimes[i] ?? 0), reason, ...pngSize(png) } });
  });
  let truncated: string | undefined;
  if (sceneRun.timedOut) truncated = 'time limit reached during the scene search';
  else if (frames.length >= sceneCap) truncated = `frame cap (${maxFrames}) reached during the scene search`;

  if (wantMiddle && remaining() > 0) {
    const middle = (probe.durationSeconds ?? 0) / 2;
    const middleRun = await runFfmpeg(
      ['-threads', threads, '-ss', middle.toFixed(3), ...input, '-i', file, '-vf', `${scale},showinfo`, '-frames:v', '1', ...output],
      remaining(),
    );
    const [png] = splitPngs(middleRun.stdout);
    const offset = showinfoTimes(middleRun.stderr)[0] ?? 0;
    if (png) frames.push({ png, info: { time: middle + Math.max(0, offset), reason: 'middle', ...pngSize(png) } });
    else if (middleRun.timedOut) truncated ??= 'time limit reached before the middle frame';
  }

  frames.sort((a, b) => a.info.time - b.info.time);
  const video: VideoKeyFrames = {
    decoder: await ffmpegVersion(),
    ...probe,
    frames: frames.map((f) => f.info),
    sceneSearch: full ? 'all' : 'keyframes',
    ...(truncated ? { truncated } : {}),
  };
  return { video, frames };
}

/**
 * The same for a video held in memory (an archive member): written to a private temporary folder, which is removed
 * afterwards, because ffmpeg needs to seek (an MP4's index is often at the end) and a pipe cannot seek.
 */
export async function extractKeyFramesFromBytes(bytes: Uint8Array, options: KeyFrameOptions = {}): Promise<KeyFrameExtraction> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wb-video-'));
  try {
    const file = path.join(dir, 'video');
    await writeFile(file, bytes, { mode: 0o600 });
    return await extractKeyFrames(file, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
