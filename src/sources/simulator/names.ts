/**
 * Word pools for invented people and places. Names are drawn as random first/last pairs
 * from broad pools so a roster looks varied without describing anyone in particular.
 */
import { pick, type Rng } from './prng';

export const FIRST_NAMES = [
  'Amara', 'Bodhi', 'Cleo', 'Dashiell', 'Elif', 'Farid', 'Greta', 'Hiroshi', 'Ines', 'Jovan',
  'Kalani', 'Leilani', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quinn', 'Rafaela', 'Soren', 'Tamsin',
  'Umar', 'Valentina', 'Wren', 'Xiomara', 'Yusuf', 'Zara', 'Anouk', 'Bastian', 'Catalina', 'Desmond',
  'Esme', 'Florian', 'Gulnara', 'Hamish', 'Ilse', 'Jarrah', 'Kiri', 'Lorcan', 'Marisol', 'Nikolai',
  'Odile', 'Piet', 'Rosalind', 'Saoirse', 'Tobias', 'Ulla', 'Vikram', 'Wilhelmina', 'Yara', 'Zoltan',
  'Aroha', 'Benedikt', 'Chiara', 'Dmitri', 'Eamon', 'Fenna', 'Gideon', 'Hana', 'Ismael', 'Juniper',
  'Kasimir', 'Linnea', 'Malik', 'Noor', 'Orla', 'Paloma', 'Rashid', 'Sunniva', 'Thiago', 'Ottilie',
  'Anselm', 'Briony', 'Cosimo', 'Delphine', 'Emeka', 'Freya', 'Gaspard', 'Hollis', 'Ingrid', 'Jasper',
] as const;

export const LAST_NAMES = [
  'Abernethy', 'Bakshi', 'Castellanos', 'Delacroix', 'Eriksen', 'Fairweather', 'Gallagher', 'Haddad',
  'Ivanova', 'Jablonski', 'Kowalczyk', 'Lindqvist', 'Marangoni', 'Nakamura', 'Okonkwo', 'Pemberton',
  'Quintero', 'Rasmussen', 'Sandoval', 'Thornbury', 'Uchenna', 'Vasquez', 'Whitcombe', 'Yilmaz',
  'Zielinski', 'Ashdown', 'Bergstrom', 'Carrick', 'Dunmore', 'Esterhazy', 'Falconer', 'Grimaldi',
  'Holloway', 'Ishikawa', 'Jorgensen', 'Kettering', 'Lachlan', 'Moreau', 'Nightingale', 'Osei',
  'Petrakis', 'Rourke', 'Sefton', 'Tanaka', 'Underhill', 'Voss', 'Wakefield', 'Yoshida', 'Zapata',
  'Albescu', 'Brannigan', 'Cavendish', 'Dragomir', 'Ellwood', 'Fontaine', 'Gunawardena', 'Halvorsen',
  'Iqbal', 'Kavanagh', 'Lemaire', 'Mbeki', 'Novak', 'Oyelaran', 'Prescott', 'Ramaswamy', 'Stanhope',
  'Tremaine', 'Vandermeer', 'Winterbourne', 'Arkwright', 'Blackwood', 'Crowhurst', 'Deverell', 'Eastbrook',
] as const;

export const TEAM_NAMES = [
  'Team Aurora', 'Team Banksia', 'Team Coral', 'Team Dune', 'Team Eucalypt', 'Team Fern',
  'Team Grevillea', 'Team Harbour', 'Team Ironbark', 'Team Jacaranda', 'Team Kestrel', 'Team Lagoon',
  'Team Mallee', 'Team Nightjar', 'Team Orchid', 'Team Pelican', 'Team Quokka', 'Team Reef',
  'Team Saltbush', 'Team Tern', 'Team Waratah', 'Team Wattle', 'Team Yarrow', 'Team Zephyr',
] as const;

export const LOCATIONS = ['Northgate Hub', 'Riverside Hub', 'Harbour Point', 'Remote'] as const;

/** Weights for LOCATIONS: most staff sit in the two hubs. */
export const LOCATION_WEIGHTS = [0.36, 0.3, 0.14, 0.2] as const;

export const EMAIL_DOMAIN = 'crisisline.example.org';
export const CUSTOMER_EMAIL_DOMAINS = ['mail.example.net', 'inbox.example.com', 'post.example.org'] as const;

export interface PersonName {
  readonly first: string;
  readonly last: string;
  readonly full: string;
}

export function randomName(rng: Rng): PersonName {
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  return { first, last, full: `${first} ${last}` };
}

/** A name not yet in `taken`; falls back to a middle initial once the pairs run short. */
export function uniqueName(rng: Rng, taken: Set<string>): PersonName {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = randomName(rng);
    if (!taken.has(n.full)) {
      taken.add(n.full);
      return n;
    }
  }
  for (let i = 0; ; i++) {
    const n = randomName(rng);
    const initial = String.fromCharCode(65 + (i % 26));
    const full = `${n.first} ${initial}. ${n.last}`;
    if (!taken.has(full)) {
      taken.add(full);
      return { first: n.first, last: `${initial}. ${n.last}`, full };
    }
  }
}

export function emailLocalPart(name: PersonName): string {
  return `${name.first}.${name.last}`.toLowerCase().replace(/[^a-z.]/g, '');
}
