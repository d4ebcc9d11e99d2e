/**
 * The "call recording" the sandbox's media point at (`media.ts`): a few seconds of a
 * quiet two-tone chime as WAV, made on the dev server (Node side) rather than committed
 * as a binary.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export { RECORDING_PATH } from './media';

export function recordingWav(): Buffer {
  const rate = 8000;
  const seconds = 4;
  const samples = rate * seconds;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const f = i < samples / 2 ? 440 : 660;
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * f * i) / rate) * 6000), 44 + i * 2);
  }
  return buf;
}

/** A connect middleware for Vite, mounted at RECORDING_PATH. */
export function sandboxRecordingMiddleware() {
  const wav = recordingWav();
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('Content-Type', 'audio/wav');
    res.end(wav);
  };
}
