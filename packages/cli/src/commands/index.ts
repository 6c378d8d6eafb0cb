/** The registered commands, in the order the top-level help lists them. Add one line per command. */
import type { Command } from '../command.js';
import { provisionCommand } from './provision.js';
import { serveCommand } from './serve.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: readonly Command[] = [verifyCommand, provisionCommand, serveCommand];
