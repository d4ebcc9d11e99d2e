import { accessOf, isContactAddress, mayViewAgent, maskContact, maskedName, type Tab } from '../../src/core/roles';

const dashboards: Tab[] = ['now', 'overview', 'queues', 'agents', 'conversations'];

describe('roles → access', () => {
  it.each([
    // roles, team, expected tabs, scope, export
    [['admin'], 'Blue', [...dashboards, 'myStats', 'export', 'settings'], 'all', true],
    [['supervisor', 'wfo.full_access'], 'Blue', [...dashboards, 'myStats', 'export'], 'all', true],
    [['wfo.data_analyst'], undefined, [...dashboards, 'myStats', 'export'], 'all', true],
    [['wfo.data_auditor'], undefined, [...dashboards, 'myStats', 'export'], 'all', true],
    [['supervisor'], 'Blue', [...dashboards, 'myStats'], 'all', false],
    [['wfo.dashboard_viewer'], undefined, [...dashboards, 'myStats'], 'all', false],
    [['wfo.quality_manager'], undefined, [...dashboards, 'myStats'], 'all', false],
    [['wfo.quality_process_manager'], undefined, [...dashboards, 'myStats'], 'all', false],
    [['wfo.team_leader'], 'Blue', [...dashboards, 'myStats'], 'team', false],
    // a team leader with no team sees their own numbers, not everyone's
    [['wfo.team_leader'], undefined, ['myStats'], 'self', false],
    [['agent'], 'Blue', ['myStats'], 'self', false],
    // roles add up: the widest scope wins
    [['agent', 'wfo.team_leader'], 'Blue', [...dashboards, 'myStats'], 'team', false],
    [['agent', 'supervisor'], 'Blue', [...dashboards, 'myStats'], 'all', false],
    [['wfo.something_new'], 'Blue', [], 'none', false],
    [[], undefined, [], 'none', false],
  ])('%j (team %s)', (roles, team, tabs, scope, mayExport) => {
    const access = accessOf({ roles, team, workerSid: 'WKme' });
    expect(access.tabs).toEqual(tabs);
    expect(access.scope).toBe(scope);
    expect(access.mayExport).toBe(mayExport);
    expect(access.seesContacts).toBe(mayExport);
    expect(access.mayEditSettings).toBe(roles.includes('admin'));
  });

  it('an agent sees only their own row; a team leader only their team', () => {
    const agent = accessOf({ roles: ['agent'], workerSid: 'WKme', team: 'Blue' });
    expect(mayViewAgent(agent, { sid: 'WKme', team: 'Blue' })).toBe(true);
    expect(mayViewAgent(agent, { sid: 'WKother', team: 'Blue' })).toBe(false);
    const leader = accessOf({ roles: ['wfo.team_leader'], workerSid: 'WKme', team: 'Blue' });
    expect(mayViewAgent(leader, { sid: 'WKother', team: 'Blue' })).toBe(true);
    expect(mayViewAgent(leader, { sid: 'WKother', team: 'Green' })).toBe(false);
    expect(mayViewAgent(leader, { sid: 'WKother' })).toBe(false);
    expect(mayViewAgent(accessOf({ roles: [] }), { sid: 'WKme' })).toBe(false);
  });

  it.each([
    ['+61 400 123 456', '•••56'],
    ['casey@example.org', 'c•••@example.org'],
    ['12', '•••'],
  ])('contacts are masked without export: %s → %s', (contact, masked) => {
    expect(maskContact(accessOf({ roles: ['supervisor'] }), contact)).toBe(masked);
    expect(maskContact(accessOf({ roles: ['wfo.data_analyst'] }), contact)).toBe(contact);
  });

  it.each([
    // name, contact, as a role without export sees the name
    ['whatsapp:+15551234567', undefined, '•••67'],
    ['sms:+447700900123', undefined, '•••23'],
    ['tel:+61 400 123 456', undefined, '•••56'],
    ['+61400123456', '+61400123456', '•••56'],
    ['casey@example.org', undefined, 'c•••@example.org'],
    ['John Smith (+1 555 123 4567)', '+15551234567', 'John Smith (•••67)'],
    ['Ann Lee 0400 123 456', undefined, 'Ann Lee •••56'],
    // not contacts: short numbers in a name, and plain names, stay
    ['Flat 12 caller', undefined, 'Flat 12 caller'],
    ['Casey Jones', '+15551234567', 'Casey Jones'],
    ['Dr: Smith', undefined, 'Dr: Smith'],
  ])('customer names are masked where they carry a contact: %s → %s', (name, contact, masked) => {
    expect(maskedName(accessOf({ roles: ['supervisor'] }), name, contact)).toBe(masked);
    expect(maskedName(accessOf({ roles: ['wfo.data_analyst'] }), name, contact)).toBe(name);
  });

  it.each([
    ['whatsapp:+15551234567', true],
    ['sms:+447700900123', true],
    ['+61 412 345 678', true],
    ['jane.doe@example.org', true],
    // names and identities are not addresses
    ['John Smith (+1 555 123 4567)', false],
    ['jdoe_40example_2Ecom', false],
    ['crisis-supporter', false],
    ['Flat 12', false],
    ['   ', false],
  ])('%s is a contact address: %s', (text, expected) => {
    expect(isContactAddress(text)).toBe(expected);
  });
});
