/*
 * host_abi1.h: the host table as plugins built for ABI 1 know it. Its
 * functions convert each call (records without a size, emit returning a
 * handle, 0 and -1) and make it through host->api, so an ABI-1 plugin runs
 * in a child process or in the host like any other.
 */
#ifndef SL_HOST_ABI1_H
#define SL_HOST_ABI1_H

#include "sendlens/plugin.h"

/* The ABI-1 table (its unchanged functions those of host_table), to be handed to an ABI-1 plugin's
 * load (whose first parameter it is, whatever the descriptor's type says). */
const sl_host_api *sl_host_abi1_table(const sl_host_api *host_table);

#endif
