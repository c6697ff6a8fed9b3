// Query limits (graphql-armor): depth, aliases, directives and tokens. They run at
// parse/validation time, so a rejected query never reaches a resolver or the database. What a
// query may return is counted with its variables, in operation-limits.ts: armor's static cost
// sees no variable page sizes.
// Armor's errors carry no code; rejections are re-issued with extensions.code LIMIT_EXCEEDED.
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { env } from "../../config/env.ts";

const ARMOR_REJECTION = /^Syntax Error: (.* limit of \d+ exceeded.*)$/;

function limitExceeded(message: string, nodes?: GraphQLError["nodes"]) {
  return new GraphQLError(message, { nodes, extensions: { code: "LIMIT_EXCEEDED", http: { status: 400 } } });
}

function withLimitCode(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const match = ARMOR_REJECTION.exec(error.message);
  return match ? limitExceeded(match[1]!, error.nodes) : error;
}

const limitCodes: Plugin = {
  onParse: ({ parseFn, setParseFn }) => {
    // graphql-js parses recursively: "{a{a{a…" thousands deep overflows the stack before any
    // token or depth limit can answer. That is a limit too, not an internal error.
    setParseFn((source, options) => {
      try {
        return parseFn(source, options);
      } catch (error) {
        if (error instanceof RangeError) throw limitExceeded("Query is nested too deeply to parse");
        throw withLimitCode(error);
      }
    });
  },
  onValidate: ({ validateFn, setValidationFn }) => {
    // Some armor rules report their rejection, others throw it out of validation.
    setValidationFn((...args) => {
      try {
        return validateFn(...args).map((error: GraphQLError) => withLimitCode(error) as GraphQLError);
      } catch (error) {
        const coded = withLimitCode(error);
        if (coded !== error) return [coded as GraphQLError];
        throw error;
      }
    });
  },
};

export function queryLimitPlugins(): Plugin[] {
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: env.limits.maxDepth, exposeLimits: true, ignoreIntrospection: true },
    maxAliases: { n: env.limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: env.limits.maxDirectives, exposeLimits: true },
    maxTokens: { n: env.limits.maxTokens, exposeLimits: true },
    costLimit: { enabled: false },
    // Suggestions ("Did you mean …?") help explorers; the schema is public through introspection anyway.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
  return [armor, limitCodes];
}
