// Chinese for the English sentences src/lib writes (the webhooks work of issue 13): the English sentence is the key, as in gettext.
export const webhooksArea: Record<string, string> = {
};
