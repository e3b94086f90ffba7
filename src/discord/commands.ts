import {
  ApplicationCommandOptionType,
  InteractionContextType,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config/config.js';
import type { Library } from '../library/library.js';
import { addArticle, articleChoices, removeArticle } from './library-commands.js';
import { addPermission } from './add-permission.js';
import { noPings } from './answer-message.js';
import { scopeOf, serviceFor } from './answer-scope.js';
import type { BotContext } from './bot-context.js';
import { answerCommand } from './interaction-replies.js';
import { sourcesPage } from './library-embeds.js';
import { partyChoices } from './party-choices.js';

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** Discord refuses a string option's max_length above 6000. */
const discordMaxLength = 6000;

/** Autocomplete must answer within 3 s, so before the library is loaded it offers nothing. */
async function suggestParties(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const library = context.library.now();
  if (library === null) return interaction.respond([]);
  const typed = String(interaction.options.getFocused());
  const scope = await scopeOf(interaction, { library, context, botUserId: interaction.client.user.id });
  await interaction.respond(partyChoices(serviceFor(library, scope).parties(), typed));
}

export const ask = {
  data: {
    name: 'ask',
    description: 'Ask a question about the article; the answer quotes it word for word',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'What do you want to know?',
        required: true,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, context) {
    await answerCommand(interaction, context, { kind: 'ask', question: interaction.options.getString('question', true) });
  },
} satisfies Command;

export const summarize = {
  data: {
    name: 'summarize',
    description: "Each party's position, with their exact words",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'party',
        description: 'Only this person or organisation',
        required: false,
        autocomplete: true,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, context) {
    await answerCommand(interaction, context, { kind: 'summarize', party: interaction.options.getString('party') });
  },
  autocomplete: suggestParties,
} satisfies Command;

export const quote = {
  data: {
    name: 'quote',
    description: "A speaker's exact words, optionally about a topic",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'speaker',
        description: 'Who said it',
        required: true,
        autocomplete: true,
        max_length: 1000,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'about',
        description: 'What about (optional)',
        required: false,
        max_length: 1000,
      },
    ],
  },
  async execute(interaction, context) {
    await answerCommand(interaction, context, {
      kind: 'quote',
      speaker: interaction.options.getString('speaker', true),
      about: interaction.options.getString('about'),
    });
  },
  autocomplete: suggestParties,
} satisfies Command;

export const add = {
  data: {
    name: 'add',
    description: "Add a news article to this server's library by its link",
    options: [{ type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article (http or https)', required: true, max_length: 2000 }],
    default_member_permissions: addPermission.toString(),
    contexts: [InteractionContextType.Guild],
  },
  execute: addArticle,
} satisfies Command;

export const remove = {
  data: {
    name: 'remove',
    description: "Remove an article this server added from its library",
    options: [{ type: ApplicationCommandOptionType.String, name: 'article', description: 'Which article', required: true, autocomplete: true, max_length: 100 }],
    default_member_permissions: addPermission.toString(),
    contexts: [InteractionContextType.Guild],
  },
  execute: removeArticle,
  async autocomplete(interaction, context) {
    const library = context.library.now();
    const guildId = interaction.guildId;
    if (library === null || guildId === null) return interaction.respond([]);
    await interaction.respond(articleChoices(library.list(guildId), { guildId, typed: String(interaction.options.getFocused()) }));
  },
} satisfies Command;

export const sources = {
  data: {
    name: 'sources',
    description: 'The articles the bot answers from here: publisher, who added them, links',
    options: [{ type: ApplicationCommandOptionType.Integer, name: 'page', description: 'Page of the list (10 articles each)', required: false, min_value: 1 }],
  },
  async execute(interaction, context) {
    const page = interaction.options.getInteger('page') ?? 1;
    const listing = (library: Library) => ({ embeds: [sourcesPage(library.list(interaction.guildId), page).embed], allowedMentions: noPings });
    const ready = context.library.now();
    if (ready !== null) {
      await interaction.reply(listing(ready));
      return;
    }
    await context.deferrals.defer(() => interaction.deferReply());
    await interaction.editReply(listing(await context.library.whenReady()));
  },
} satisfies Command;

export const help = {
  data: { name: 'help', description: 'How to ask the bot about the article' },
  async execute(interaction) {
    const lines = commands.map((command) => `**/${command.data.name}** — ${command.data.description}`);
    lines.push('Or mention the bot with a question: it answers in a thread, where you can keep asking follow-ups.');
    lines.push('Mention it with a link and a question to add that article and ask about it (if you may add articles here).');
    lines.push('In the thread under an added article, questions are answered from that article first.');
    lines.push('Every quote is copied from the article exactly, with its paragraph (¶) and the publisher’s attribution.');
    await interaction.reply({
      embeds: [{ title: 'Verbatim', description: lines.join('\n') }],
      flags: MessageFlags.Ephemeral,
      allowedMentions: noPings,
    });
  },
} satisfies Command;

/** The single list behind the interaction handler and `npm run deploy-commands`. */
export const commands = [ask, summarize, quote, add, remove, sources, help] as const;

export type CommandName = (typeof commands)[number]['data']['name'];

/** Options that are free text for questions (a link or an article id keeps its own cap). */
const questionOptions = new Set(['question', 'party', 'speaker', 'about']);

/**
 * The JSON Discord is sent: every question option is capped at MAX_QUESTION_CHARS (and
 * Discord's own 6000), so the client refuses an overlong question before it reaches the bot.
 * With DISCORD_ADD_ROLE set, /add and /remove are shown to everyone and the bot checks the role
 * itself: Discord's default permission would hide them from that role's members.
 */
export function commandPayloads(config: Pick<Config, 'maxQuestionChars'> & { discord: Pick<Config['discord'], 'addRole'> }): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const maxLength = Math.min(config.maxQuestionChars, discordMaxLength);
  return commands.map((command) => {
    const data: RESTPostAPIChatInputApplicationCommandsJSONBody = command.data;
    const opened = config.discord.addRole !== null && data.default_member_permissions !== undefined;
    return {
      ...data,
      ...(opened ? { default_member_permissions: null } : {}),
      options: data.options?.map((option) =>
        option.type === ApplicationCommandOptionType.String && questionOptions.has(option.name) ? { ...option, max_length: maxLength } : option,
      ),
    };
  });
}

export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.data.name === name);
}
