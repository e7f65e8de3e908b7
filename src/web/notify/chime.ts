// The notification sounds, made with the Web Audio API (no audio files): a rising two-note chime
// for a chat entering the queue, a brighter three-note one for a chat given to the agent, a short
// high pair for a customer's message, and a call and answer for a transfer offered to the agent,
// which waits for their answer.

export type ChimeKind = 'queued' | 'assigned' | 'message' | 'offer';

const NOTES: Record<ChimeKind, number[]> = {
  queued: [660, 880],
  assigned: [523.25, 659.25, 783.99],
  message: [987.77, 1318.51],
  offer: [783.99, 659.25, 783.99, 1046.5],
};
const NOTE_SECONDS = 0.14;

let context: AudioContext | null = null;

/**
 * Browsers only let a page make sound after the person has interacted with it; call this from a
 * click or key press so later chimes (from socket events) are allowed to play.
 */
export function unlockAudio(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    // No Web Audio in this browser: chimes stay silent.
  }
}

export function playChime(kind: ChimeKind): void {
  unlockAudio();
  if (!context || context.state !== 'running') return;
  const start = context.currentTime + 0.01;
  NOTES[kind].forEach((frequency, index) => {
    const at = start + index * NOTE_SECONDS;
    const oscillator = context!.createOscillator();
    const gain = context!.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A quick attack and an exponential fade sound like a soft bell rather than a beep.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.18, at + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS * 2.2);
    oscillator.connect(gain).connect(context!.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS * 2.4);
  });
}
