import pluginConfig from '../../flex-plugin.config.js';
import { resolvePluginConfig, settingsOf } from '../../src/core';
import { settingsSaverOf } from '../../src/flex/settingsSaver';

const SETTINGS = settingsOf(resolvePluginConfig({}, pluginConfig));

function answering(status: number, body: unknown) {
  const sent: { url: string; init: { body: string; redirect: string } }[] = [];
  const fetch = async (url: string, init: { body: string; redirect: 'error' } & Record<string, unknown>) => {
    sent.push({ url, init });
    return { status, json: async () => body };
  };
  return { sent, fetch };
}

describe('settingsSaverOf', () => {
  it('posts the token, the base version and the whole value, refusing redirects', async () => {
    const { sent, fetch } = answering(200, { stored: { version: 4 }, saved: { version: 4, savedBy: 'a' } });
    const outcome = await settingsSaverOf('https://x.twil.io/insights-settings', () => 'tok', fetch).save(SETTINGS, 3);
    expect(outcome).toEqual({ kind: 'saved', stored: { version: 4 }, saved: { version: 4, savedBy: 'a' } });
    expect(sent[0].url).toBe('https://x.twil.io/insights-settings');
    expect(sent[0].init.redirect).toBe('error');
    expect(JSON.parse(sent[0].init.body)).toEqual({ Token: 'tok', baseVersion: 3, settings: SETTINGS });
  });

  it.each([
    [409, { error: { code: 'stale', message: 'saved by b', current: { version: 5 } } }, { kind: 'stale', message: 'saved by b', current: { version: 5 } }],
    [403, { error: { code: 'forbidden', message: 'only a Flex admin' } }, { kind: 'refused', message: 'only a Flex admin' }],
    [400, { error: { code: 'invalid_settings', message: '1 problem', problems: [{ field: 'timeZone', message: 'x' }] } }, { kind: 'refused', message: '1 problem', problems: [{ field: 'timeZone', message: 'x' }] }],
    [502, 'not json', { kind: 'refused', message: 'the Settings function answered 502 without saying why' }],
  ])('reads a %i answer', async (status, body, expected) => {
    const { fetch } = answering(status, body);
    expect(await settingsSaverOf('u', () => 'tok', fetch).save(SETTINGS, 0)).toEqual(expected);
  });

  it('refuses without a token or when the function cannot be reached', async () => {
    const { fetch, sent } = answering(200, {});
    expect((await settingsSaverOf('u', () => undefined, fetch).save(SETTINGS, 0)).kind).toBe('refused');
    expect(sent).toHaveLength(0);
    const down = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await settingsSaverOf('u', () => 'tok', down).save(SETTINGS, 0)).toEqual({ kind: 'refused', message: 'the Settings function could not be reached (Failed to fetch)' });
  });
});
