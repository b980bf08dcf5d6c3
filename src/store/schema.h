/* Private to the store: the migration steps. */
#ifndef GENOMLYS_STORE_SCHEMA_H
#define GENOMLYS_STORE_SCHEMA_H

/* Number of the newest schema version. */
int schema_latest(void);
/* SQL that takes a database from version-1 to version. */
const char *schema_step(int version);

#endif
