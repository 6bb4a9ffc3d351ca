import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoKeyFrames } from '../../../shared/domain/visual';
import { encodeTestVideo, TEST_VIDEO_FORMATS, TEST_VIDEO_SCENES, TEST_VIDEO_SECONDS } from '../../test-support/generate/visual';
import { tempDir } from '../../test-support/temp';
import { readFile } from 'node:fs/promises';
import { hammingDistance } from './hash-index';
import { extractKeyFrames, extractKeyFramesFromBytes, ffmpegPath, ffmpegVersion, parseProbe, splitPngs } from './key-frames';
import { hashImage } from './perceptual-hash';
import { SIMILARITY_THRESHOLD } from './similarity';

const temp = tempDir('wb-video-');
const video = (file: string): string => path.join(temp.dir, file);
const h264 = TEST_VIDEO_FORMATS[0];

beforeAll(() => {
  for (const format of TEST_VIDEO_FORMATS) encodeTestVideo(ffmpegPath(), video(format.file), format);
});

afterAll(() => temp.cleanup());

describe('extractKeyFrames', () => {
  it.each(TEST_VIDEO_FORMATS.map((f) => [f.name, f] as const))(
    'finds the first frame, both cuts and the middle of %s',
    async (_, format) => {
      const { video: info, frames } = await extractKeyFrames(video(format.file));
      console.log(
        `${format.name}: ${info.container} / ${info.codec}, ${info.durationSeconds} s, frames at ${info.frames.map((f) => `${f.time.toFixed(2)} (${f.reason})`).join(', ')}`,
      );
      expect(VideoKeyFrames.parse(info)).toEqual(info);
      expect(info).toMatchObject({ width: 320, height: 240, sceneSearch: 'all' });
      expect(info.durationSeconds).toBeCloseTo(TEST_VIDEO_SECONDS, 0);
      expect(info.frames.map((f) => f.reason)).toEqual(['first', 'scene', 'middle', 'scene']);
      const [first, cut1, middle, cut2] = info.frames.map((f) => f.time);
      expect(first).toBeCloseTo(TEST_VIDEO_SCENES[0], 1);
      expect(cut1).toBeCloseTo(TEST_VIDEO_SCENES[1], 1);
      expect(middle).toBeCloseTo(TEST_VIDEO_SECONDS / 2, 1);
      expect(cut2).toBeCloseTo(TEST_VIDEO_SCENES[2], 1);
      for (const frame of frames) expect(frame.png.subarray(1, 4).toString()).toBe('PNG');
    },
  );

  it('gives frames that hash like the same frames of another codec', async () => {
    const a = await extractKeyFrames(video('h264.mp4'));
    const b = await extractKeyFrames(video('mpeg4.avi'));
    for (const [i, frame] of a.frames.entries()) {
      const other = b.frames[i];
      if (!other) throw new Error('frame missing');
      const distance = hammingDistance((await hashImage(frame.png)).pHash, (await hashImage(other.png)).pHash);
      expect(distance).toBeLessThanOrEqual(SIMILARITY_THRESHOLD);
    }
  });

  it('stops at the frame cap and says so', async () => {
    const { video: info } = await extractKeyFrames(video(h264?.file ?? ''), { maxFrames: 2 });
    expect(info.frames.map((f) => f.reason)).toEqual(['first', 'middle']);
    expect(info.truncated).toMatch(/frame cap/);
  });

  it('looks only at coded key frames for long videos, and still finds the cuts the encoder made key frames', async () => {
    // ffmpeg's MPEG-4 Part 2 encoder starts a GOP every 12 frames and at scene changes; x264's ultrafast preset at neither.
    const { video: info } = await extractKeyFrames(video('mpeg4.avi'), { fullSceneSearchSeconds: 1 });
    expect(info.sceneSearch).toBe('keyframes');
    expect(info.frames.filter((f) => f.reason === 'scene').map((f) => Math.round(f.time))).toEqual([2, 4]);
  });

  it('scales frames down to fit the longer side', async () => {
    const { frames } = await extractKeyFrames(video(h264?.file ?? ''), { maxSide: 160, maxFrames: 1 });
    expect(frames.map((f) => [f.info.width, f.info.height])).toEqual([[160, 120]]);
  });

  it('reads a video held in memory', async () => {
    const { video: info } = await extractKeyFramesFromBytes(await readFile(video('vp8.webm')));
    expect(info.codec).toBe('vp8');
    expect(info.frames).toHaveLength(4);
  });

  it('refuses what is not a video, and a container outside the allowed demuxers', async () => {
    await expect(extractKeyFramesFromBytes(new TextEncoder().encode('not a video at all'))).rejects.toThrow(/not a readable video/);
    const playlist = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:9/evil.ts\n#EXT-X-ENDLIST\n';
    await expect(extractKeyFramesFromBytes(new TextEncoder().encode(playlist))).rejects.toThrow(/not a readable video/);
  });

  it('stops at the time limit', async () => {
    // A FIFO nobody writes to blocks ffmpeg's read of the header for good, so only the time limit can end the run
    // (a 1 ms limit on a real video raced ffmpeg finishing first when the machine was busy).
    const fifo = video('never-written.mp4');
    execFileSync('mkfifo', [fifo]);
    await expect(extractKeyFrames(fifo, { timeoutMs: 300 })).rejects.toThrow(/timed out/);
  });

  it('names the decoder', async () => {
    expect(await ffmpegVersion()).toMatch(/^ffmpeg \S+ \(@ffmpeg-installer\/\w+-\w+@[\d.]+\)$/);
  });
});

describe('ffmpeg output parsing', () => {
  it('reads container, codec, size and duration from the input banner', () => {
    const log = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':\n  Duration: 01:02:03.50, start: 0.000000, bitrate: 477 kb/s\n    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080 [SAR 1:1 DAR 16:9], 25 fps\n`;
    expect(parseProbe(log)).toEqual({
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      codec: 'h264',
      width: 1920,
      height: 1080,
      durationSeconds: 3723.5,
    });
  });

  it('splits concatenated PNGs and drops a truncated last one', () => {
    const png = (n: number): Buffer =>
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', Buffer.alloc(13, n)), chunk('IEND', Buffer.alloc(0))]);
    const chunk = (type: string, data: Buffer): Buffer => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.byteLength, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, data, Buffer.alloc(4)]);
    };
    const joined = Buffer.concat([png(1), png(2), png(3).subarray(0, 30)]);
    expect(splitPngs(joined)).toEqual([png(1), png(2)]);
  });
});
