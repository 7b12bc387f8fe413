// Chinese for the English sentences src/lib writes (the accounts work of issue 13): the English sentence is the key, as in gettext.
export const accountsArea: Record<string, string> = {
};
