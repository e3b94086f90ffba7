import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { Party } from '../core/types.js';

/** Discord shows at most 25 autocomplete choices, each name and value at most 100 characters. */
export const maxChoices = 25;
const maxChoiceLength = 100;

/**
 * Parties whose name or an alias contains what was typed (case-insensitively), those starting
 * with it first, at most 25.
 */
export function partyChoices(parties: readonly Party[], typed: string): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  const scored = parties
    .map((party, order) => {
      const names = [party.name, ...party.aliases].map((name) => name.toLowerCase());
      const starts = names.some((name) => name.startsWith(needle) || name.split(/\s+/).some((word) => word.startsWith(needle)));
      const contains = names.some((name) => name.includes(needle));
      return { party, order, rank: starts ? 0 : contains ? 1 : 2 };
    })
    .filter((entry) => entry.rank < 2)
    .sort((left, right) => left.rank - right.rank || left.order - right.order);
  return scored.slice(0, maxChoices).map(({ party }) => {
    const name = party.name.slice(0, maxChoiceLength);
    return { name, value: name };
  });
}
