#!/usr/bin/env node
/** The `saml-jit` binary. */
export {};
