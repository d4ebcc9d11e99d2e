/**
 * The optional sound and browser notification for a raise, off until the user turns them
 * on; the browser's permission is asked only then. The notification shows only while the
 * Flex tab is hidden (Flex's own notification shows otherwise).
 */
import { onRaise, type AlertLogEntry, type AlertNoticeChoice, type AlertStore } from '../../store';

/** Asks for the browser's permission (after the user turned the notification on); false when refused or unsupported. */
export async function askNotificationPermission(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  return (await Notification.requestPermission()) === 'granted';
}

function beep(): void {
  const AudioContextCtor = (window as unknown as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!AudioContextCtor) return;
  const ctx = new AudioContextCtor();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.value = 0.1;
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.25);
  osc.onended = () => void ctx.close();
}

/** What a raise does with the user's choices: a beep, and a browser notification when the tab is hidden. */
export function noticeFor(choice: () => AlertNoticeChoice): (entry: AlertLogEntry) => void {
  return (entry) => {
    const c = choice();
    try {
      if (c.sound) beep();
      if (c.browser && typeof document !== 'undefined' && document.hidden && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification('Insights alert', { body: `${entry.label} · ${entry.subject}`, tag: entry.key });
      }
    } catch {
      // A browser without sound or notifications: the strip and Flex's notification still show.
    }
  };
}

/**
 * Sounds and shows the browser notification for each raise as the user chose in the alert
 * store; returns the unsubscribe. Started with the alert store (the Flex session), so it
 * goes on while the Insights view is closed.
 */
export function watchAlertNotices(alerts: AlertStore): () => void {
  return onRaise(alerts, noticeFor(() => alerts.getState().notice));
}
