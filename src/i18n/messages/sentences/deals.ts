// Chinese for the English sentences src/lib writes (the deals work of issue 13): the English sentence is the key, as in gettext.
export const dealsArea: Record<string, string> = {
};
