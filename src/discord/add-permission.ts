import { PermissionFlagsBits, type GuildMember, type Message, type ChatInputCommandInteraction, type AutocompleteInteraction } from 'discord.js';

/** Who may add and remove articles by default: moderators. DISCORD_ADD_ROLE opens it to one role more. */
export const addPermission = PermissionFlagsBits.ManageMessages;

export interface Member {
  /** The member's permissions where they asked; null outside a server. */
  permissions: { has(permission: bigint): boolean } | null;
  roles: ReadonlyArray<{ id: string; name: string }>;
}

/** Manage Messages, or the configured role (by id or, case-insensitively, by name). */
export function mayAddArticles(member: Member, addRole: string | null): boolean {
  if (member.permissions?.has(addPermission)) return true;
  if (addRole === null) return false;
  const wanted = addRole.toLowerCase();
  return member.roles.some((role) => role.id === addRole || role.name.toLowerCase() === wanted);
}

/** The sentence shown to a member who may not add. */
export function addRefusal(addRole: string | null): string {
  const who = addRole === null ? 'members with the Manage Messages permission' : `members with Manage Messages or the ${addRole} role`;
  return `Only ${who} can add or remove articles in this server.`;
}

/** The asker of a slash command, as Discord computed their permissions for this channel. */
export function interactionMember(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Member {
  const { member, guild } = interaction;
  const roleIds = member === null ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return {
    permissions: interaction.memberPermissions,
    roles: roleIds.map((id) => ({ id, name: guild?.roles.cache.get(id)?.name ?? '' })),
  };
}

/** The author of a message, with permissions computed from the server's roles and the channel. */
export function messageMember(message: Message): Member {
  const member: GuildMember | null = message.member;
  if (member === null || !message.inGuild()) return { permissions: null, roles: [] };
  return {
    permissions: member.permissionsIn(message.channel),
    roles: member.roles.cache.map((role) => ({ id: role.id, name: role.name })),
  };
}
