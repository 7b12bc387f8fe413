// Chinese for the English sentences src/lib writes (the routing work of issue 13): the English sentence is the key, as in gettext.
export const routingArea: Record<string, string> = {
};
