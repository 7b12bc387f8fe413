// English strings: the webhooks work of issue 13. Every key here must exist in ../zh/webhooks.ts too.
export const webhooksArea = {
};
