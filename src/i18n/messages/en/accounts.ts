// English strings: the accounts work of issue 13. Every key here must exist in ../zh/accounts.ts too.
export const accountsArea = {
};
