// English strings: the routing work of issue 13. Every key here must exist in ../zh/routing.ts too.
export const routingArea = {
};
