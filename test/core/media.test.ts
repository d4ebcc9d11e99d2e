import { MAX_MEDIA_ITEMS, firstRawUrl, resolveMedia, type MediaItem } from '../../src/core/media';

const CH = 'CH0123456789abcdef0123456789abcdef';

describe('resolveMedia: one entry of each type (seed 002 shapes)', () => {
  it.each<[string, unknown, MediaItem]>([
    [
      'Raw',
      { type: 'Raw', url: 'https://company.com/record-id', title: 'CRM Conversation Record' },
      { type: 'Raw', position: 0, title: 'CRM Conversation Record', url: 'https://company.com/record-id' },
    ],
    [
      'Embedded',
      { type: 'Embedded', url: 'https://company.com/tickets/ticket-id', title: 'Support Ticket' },
      { type: 'Embedded', position: 0, title: 'Support Ticket', url: 'https://company.com/tickets/ticket-id' },
    ],
    [
      'Referenced',
      { type: 'Referenced', url: 'https://externalsystem.com/record-id', title: 'External Ticket' },
      { type: 'Referenced', position: 0, title: 'External Ticket', url: 'https://externalsystem.com/record-id' },
    ],
    [
      'VoiceRecording',
      {
        type: 'VoiceRecording',
        url: 'https://exampleurl.com',
        start_time: 1574350320000,
        channels: ['customer', 'others'],
        title: 'Dual channel recording',
      },
      {
        type: 'VoiceRecording',
        position: 0,
        title: 'Dual channel recording',
        url: 'https://exampleurl.com/', // normalised
        startTime: 1574350320000,
        channels: ['customer', 'others'],
        playable: true,
      },
    ],
    [
      'VoiceRecording without start_time or channels',
      { type: 'VoiceRecording', url: 'https://exampleurl.com' },
      { type: 'VoiceRecording', position: 0, url: 'https://exampleurl.com/', channels: [], playable: true },
    ],
    [
      'VoiceRecording with start_time as a string of digits',
      { type: 'VoiceRecording', url: 'https://exampleurl.com/r', start_time: '1574350320000' },
      {
        type: 'VoiceRecording',
        position: 0,
        url: 'https://exampleurl.com/r',
        startTime: 1574350320000,
        channels: [],
        playable: true,
      },
    ],
    ['ChatTranscript', { type: 'ChatTranscript', sid: CH }, { type: 'ChatTranscript', position: 0, sid: CH }],
    [
      'unknown type with a safe url: a link',
      { type: 'Screenshot', url: 'https://shots.example.com/1', title: 'Screen' },
      { type: 'Link', position: 0, title: 'Screen', declaredType: 'Screenshot', url: 'https://shots.example.com/1' },
    ],
    [
      'type in another case is unknown: a link',
      { type: 'raw', url: 'https://company.com/x' },
      { type: 'Link', position: 0, declaredType: 'raw', url: 'https://company.com/x' },
    ],
    [
      'a blank title is left out',
      { type: 'Referenced', url: 'https://x.example/', title: '   ' },
      { type: 'Referenced', position: 0, url: 'https://x.example/' },
    ],
  ])('%s', (_name, entry, item) => {
    expect(resolveMedia([entry], undefined)).toEqual({ items: [item], problems: [], level: 'task' });
  });
});

describe('resolveMedia: a refused url becomes an Unsafe item, never a link', () => {
  it.each([
    ['Embedded', 'javascript:alert(document.cookie)', /scheme "javascript:"/],
    ['Referenced', 'data:text/html,<b>x</b>', /scheme "data:"/],
    ['Raw', '//evil.example/x', /protocol-relative/],
    ['VoiceRecording', 'https://user:pw@rec.example/1', /credentials/],
    ['Screenshot', 'java\tscript:alert(1)', /control character/],
  ])('%s %j', (type, url, reason) => {
    const { items, problems } = resolveMedia([{ type, url, title: 'T' }], undefined);
    expect(problems).toEqual([]);
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item.type).toBe('Unsafe');
    expect(item).not.toHaveProperty('url');
    if (item.type !== 'Unsafe') return;
    expect(item).toMatchObject({ declaredType: type, text: url, title: 'T', position: 0 });
    expect(item.unsafe).toMatch(reason);
  });

  it('cuts a long refused text for display', () => {
    const url = `javascript:${'x'.repeat(5000)}`;
    const [item] = resolveMedia([{ type: 'Embedded', url }], undefined).items;
    expect(item.type === 'Unsafe' && item.text).toBe(`${url.slice(0, 300)}…`);
  });
});

describe('resolveMedia: bad entries are reported with their position and skipped', () => {
  it.each<[string, unknown, RegExp]>([
    ['not an object', 'https://company.com/x', /^media\[1\]: not an object \(string\)$/],
    ['null', null, /^media\[1\]: not an object \(null\)$/],
    ['a list', [{ type: 'Raw' }], /^media\[1\]: not an object \(a list\)$/],
    ['no type', { url: 'https://company.com/x' }, /^media\[1\]: no type$/],
    ['non-string type', { type: 7, url: 'https://company.com/x' }, /^media\[1\]: type is not a string \(number\)$/],
    ['no url', { type: 'Embedded', title: 'x' }, /^media\[1\]: Embedded has no url$/],
    [
      'url not a string',
      { type: 'Referenced', url: { href: 'https://x' } },
      /^media\[1\]: Referenced url is not a string \(object\)$/,
    ],
    ['unknown type without url', { type: 'Screenshot' }, /^media\[1\]: Screenshot has no url$/],
    ['ChatTranscript without sid', { type: 'ChatTranscript' }, /^media\[1\]: ChatTranscript needs a sid/],
    [
      'ChatTranscript placeholder sid',
      { type: 'ChatTranscript', sid: 'CHxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
      /sid of CH and 32 hex/,
    ],
    ['ChatTranscript with a task sid', { type: 'ChatTranscript', sid: 'WT0123456789abcdef0123456789abcdef' }, /sid of CH/],
    ['ChatTranscript sid too short', { type: 'ChatTranscript', sid: 'CH0123' }, /sid of CH/],
    [
      'VoiceRecording start_time text',
      { type: 'VoiceRecording', url: 'https://r.example/1', start_time: 'yesterday' },
      /^media\[1\]: VoiceRecording start_time/,
    ],
    [
      'VoiceRecording start_time ISO date',
      { type: 'VoiceRecording', url: 'https://r.example/1', start_time: '2019-11-21T15:32:00Z' },
      /start_time is not epoch milliseconds/,
    ],
    [
      'VoiceRecording start_time NaN',
      { type: 'VoiceRecording', url: 'https://r.example/1', start_time: Number.NaN },
      /start_time/,
    ],
    ['VoiceRecording start_time negative', { type: 'VoiceRecording', url: 'https://r.example/1', start_time: -5 }, /start_time/],
    [
      'VoiceRecording channels not a list',
      { type: 'VoiceRecording', url: 'https://r.example/1', channels: 'customer' },
      /channels must be a list/,
    ],
    [
      'VoiceRecording channels not names',
      { type: 'VoiceRecording', url: 'https://r.example/1', channels: ['customer', 3] },
      /channels must be a list/,
    ],
  ])('%s', (_name, bad, problem) => {
    // the bad entry sits between two good ones: neither is lost
    const { items, problems } = resolveMedia(
      [
        { type: 'Referenced', url: 'https://a.example/1' },
        bad,
        { type: 'ChatTranscript', sid: CH },
      ],
      undefined,
    );
    expect(items.map((i) => [i.type, i.position])).toEqual([
      ['Referenced', 0],
      ['ChatTranscript', 2],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('a title that is not a string is reported, the entry kept', () => {
    expect(resolveMedia([{ type: 'Referenced', url: 'https://a.example/', title: 42 }], undefined)).toEqual({
      items: [{ type: 'Referenced', position: 0, url: 'https://a.example/' }],
      problems: ['media[0]: title is not a string (number), left out'],
      level: 'task',
    });
  });

  it.each([
    ['a string', 'https://a.example/', 'media: not a list (string)'],
    ['an object', { type: 'Raw', url: 'https://a.example/' }, 'media: not a list (object)'],
  ])('a task list that is %s is one problem', (_name, list, problem) => {
    expect(resolveMedia(list as unknown as unknown[], undefined)).toEqual({ items: [], problems: [problem], level: 'none' });
  });

  it('reads at most MAX_MEDIA_ITEMS entries', () => {
    const list = Array.from({ length: MAX_MEDIA_ITEMS + 10 }, (_, i) => ({ type: 'Referenced', url: `https://a.example/${i}` }));
    const { items, problems } = resolveMedia(list, undefined);
    expect(items).toHaveLength(MAX_MEDIA_ITEMS);
    expect(problems).toEqual([`media: ${MAX_MEDIA_ITEMS + 10} entries, only the first ${MAX_MEDIA_ITEMS} are read`]);
  });
});

describe('resolveMedia: task level and reservation level', () => {
  const taskMedia = [{ type: 'Referenced', url: 'https://task.example/1' }, { type: 'ChatTranscript', sid: CH }];
  const reservationMedia = [{ type: 'Embedded', url: 'https://reservation.example/1' }];

  it.each<[string, unknown[] | undefined, unknown[] | undefined, string, string[]]>([
    // name, task list, reservation list, level, item types
    ['reservation list replaces the task list whole', taskMedia, reservationMedia, 'reservation', ['Embedded']],
    ['task list when there is no reservation list', taskMedia, undefined, 'task', ['Referenced', 'ChatTranscript']],
    ['an empty reservation list does not hide the task list', taskMedia, [], 'task', ['Referenced', 'ChatTranscript']],
    ['reservation list alone', undefined, reservationMedia, 'reservation', ['Embedded']],
    ['neither', undefined, undefined, 'none', []],
    ['empty task list', [], undefined, 'task', []],
  ])('%s', (_name, task, reservation, level, types) => {
    const resolved = resolveMedia(task, reservation);
    expect(resolved.level).toBe(level);
    expect(resolved.items.map((i) => i.type)).toEqual(types);
    expect(resolved.problems).toEqual([]);
  });

  it('positions of reservation-level problems say so', () => {
    expect(resolveMedia(taskMedia, [{ type: 'Embedded' }]).problems).toEqual(['reservation media[0]: Embedded has no url']);
  });

  it('a reservation list that is not a list is reported, not silently replaced by the task list', () => {
    expect(resolveMedia(taskMedia, 'oops' as unknown as unknown[])).toEqual({
      items: [],
      problems: ['reservation media: not a list (string)'],
      level: 'none',
    });
  });
});

describe('resolveMedia: several voice recordings', () => {
  it.each<[string, unknown[], Array<[number, boolean]>]>([
    // name, list, [position, playable] of each VoiceRecording item
    [
      'only the first is playable, as in Flex',
      [
        { type: 'VoiceRecording', url: 'https://r.example/1' },
        { type: 'Embedded', url: 'https://e.example/' },
        { type: 'VoiceRecording', url: 'https://r.example/2' },
        { type: 'VoiceRecording', url: 'https://r.example/3' },
      ],
      [
        [0, true],
        [2, false],
        [3, false],
      ],
    ],
    [
      'a refused first recording does not take the player',
      [
        { type: 'VoiceRecording', url: 'javascript:alert(1)' },
        { type: 'VoiceRecording', url: 'https://r.example/2' },
      ],
      [[1, true]],
    ],
    [
      'nor does a bad one',
      [
        { type: 'VoiceRecording', url: 'https://r.example/1', start_time: 'soon' },
        { type: 'VoiceRecording', url: 'https://r.example/2' },
        { type: 'VoiceRecording', url: 'https://r.example/3' },
      ],
      [
        [1, true],
        [2, false],
      ],
    ],
  ])('%s', (_name, list, expected) => {
    const recordings = resolveMedia(list, undefined).items.flatMap((i) =>
      i.type === 'VoiceRecording' ? [[i.position, i.playable]] : [],
    );
    expect(recordings).toEqual(expected);
  });
});

describe('firstRawUrl: a first Raw item opens in a new tab and skips the screen', () => {
  it.each<[string, unknown[], string | undefined]>([
    [
      'Raw first',
      [{ type: 'Raw', url: 'https://crm.example/r/1' }, { type: 'ChatTranscript', sid: CH }],
      'https://crm.example/r/1',
    ],
    ['Raw alone, normalised', [{ type: 'Raw', url: 'HTTPS://CRM.example' }], 'https://crm.example/'],
    ['Raw second', [{ type: 'Embedded', url: 'https://e.example/' }, { type: 'Raw', url: 'https://crm.example/r/1' }], undefined],
    ['Raw first but refused: the screen shows it inert', [{ type: 'Raw', url: 'javascript:alert(1)' }], undefined],
    [
      'bad entry before a Raw: the first item is the Raw',
      [{ type: 'Raw' }, { type: 'Raw', url: 'https://crm.example/2' }],
      'https://crm.example/2',
    ],
    ['no media', [], undefined],
  ])('%s', (_name, list, url) => {
    expect(firstRawUrl(resolveMedia(list, undefined).items)).toBe(url);
  });
});

describe('resolveMedia: the seed 002 example with several media', () => {
  it('offers the embedded page, the transcript and the recording', () => {
    const resolved = resolveMedia(
      [
        { type: 'Embedded', url: 'https://company.com/ticket-id', title: 'Support Ticket' },
        { type: 'ChatTranscript', sid: CH },
        { type: 'VoiceRecording', url: 'https://exampleurl.com' },
      ],
      undefined,
    );
    expect(resolved.problems).toEqual([]);
    expect(resolved.items.map((i) => i.type)).toEqual(['Embedded', 'ChatTranscript', 'VoiceRecording']);
    expect(firstRawUrl(resolved.items)).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const recording = Object.freeze({ type: 'VoiceRecording', url: 'https://r.example/1', channels: Object.freeze(['customer']) });
    const list = Object.freeze([recording]);
    const [item] = resolveMedia(list, undefined).items;
    expect(item.type === 'VoiceRecording' && item.channels).toEqual(['customer']);
  });
});
