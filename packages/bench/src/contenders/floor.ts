/** The floor as a contender (see ../floor.ts for what it does and does not do). */
import type { Contender } from '../contender.js';
import { makeFloor } from '../floor.js';

export const floor: Contender = {
  id: 'floor',
  label: 'floor: decode + parse + c14n + SHA-256 + RSA verify',
  kind: 'floor',
  prepare: async (input, { world }) => {
    const f = makeFloor(world, input);
    return {
      run: () => f.run(input.base64),
      check: async () => {
        f.run(input.base64);
        return 'signature verified';
      },
    };
  },
};
