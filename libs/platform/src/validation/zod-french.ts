import { z } from 'zod';

/**
 * zod's own messages in French ("Entrée invalide : nombre attendu, chaîne de caractères reçue"):
 * a 400 names the field and says what is wrong in the language of the people who read it. Set
 * once for the process, wherever a schema is checked (API, worker, command lines).
 */
z.config(z.locales.fr());
