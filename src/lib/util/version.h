/*
 * version.h - the version both programs print (--version, -V).
 */
#ifndef CLIENTELE_VERSION_H
#define CLIENTELE_VERSION_H

#define CLIENTELE_VERSION "0.1.0"

#endif
