/* Inside module loyalty only (no other folder includes this): the records,
 * their column tables and resource, the [loyalty] settings, and the
 * prototypes shared between routes.c, the handler files (clients.c,
 * import.c, credits.c, tickets.c), db.c and render.c. */
#ifndef CL_MODULES_LOYALTY_INTERNAL_H
#define CL_MODULES_LOYALTY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fields.h"
#include "core/resource.h"

struct cJSON;
struct cl_arena;
struct cl_db;
struct cl_list_spec;
struct cl_req;
struct cl_rows;

/* [loyalty] (API.md §9). open: every route is served without
 * credentials, as the seed's were (a closed network); routes.c points
 * each route's public_if here. */
struct loy_conf {
	bool open;
};
extern struct loy_conf loy_conf;

/* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" + NUL. */
#define LOY_UUID_BUF 37

/* The import (import.c): at most this many rows per call. */
#define LOY_IMPORT_MAX 10000

/* At most this many tickets per POST /credit, articles per ticket. */
#define LOY_CREDIT_MAX 1000
#define LOY_ARTICLES_MAX 1000

/* A client (API.md §5). Money in cents. */
struct loy_client {
	int64_t id;
	const char *IdClient;
	const char *Nom;
	const char *Prenom; /* NULL: none */
	int64_t Credit;
	const char *Date_paiement; /* YYYY-MM-DD or NULL */
	int64_t Montant; /* total spent */
	int64_t Paiement; /* the last ticket's amount */
	int64_t NbRefus;
	const char *Compte; /* unique when present */
	int64_t Age; /* -1: not known (rendered null) */
	const char *Sexe; /* "h", "f" or NULL */
	const char *Email;
	const char *Phone;
	int64_t PanierMoyen; /* average ticket */
	int64_t carteFid; /* 0: no card (SQL NULL) */
};

/* The values of Sexe, modePaiement and origin. */
extern const char *const loy_sexes[];
extern const char *const loy_payment_modes[];
extern const char *const loy_origins[];

/* The client's column table (clients.c): what GET /data renders, and the
 * binds of the INSERT and UPDATE of db.c. */
extern const struct cl_field loy_client_cols[];
extern const struct cl_resource_sql loy_client_sql;
extern const struct cl_resource loy_client_resource;

/* The body of an import row (import.c): every column a file may set. */
extern const struct cl_field loy_import_fields[];

/* Bodies and replies of the hand-written routes, for the OpenAPI dump. */
extern const struct cl_field loy_email_in_fields[];
extern const struct cl_field loy_create_in_fields[];
extern const struct cl_field loy_create_out_fields[];
extern const struct cl_field loy_card_in_fields[];
extern const struct cl_field loy_card_out_fields[];
extern const struct cl_field loy_allow_in_fields[];
extern const struct cl_field loy_allow_out_fields[];
extern const struct cl_field loy_credit_out_fields[];
extern const struct cl_field loy_import_out_fields[];
extern const struct cl_list_spec loy_ticket_list;

/* Checks (clients.c), pure. */

/* True when s is a UUID in its canonical 8-4-4-4-12 hex form. */
bool loy_is_uuid(const char *s);

/* True when s is a phone number: digits, optionally one leading '+',
 * 3 to 20 digits. */
bool loy_is_phone(const char *s);

/* A new version 4 UUID (OpenSSL's RAND_bytes) in buf (LOY_UUID_BUF).
 * CL_OK, or CL_EIO when the generator fails. */
int loy_uuid4(char *buf);

/* The rules a client row meets beyond its table's bounds (Phone's
 * digits), as problems under prefix ("rows[3]." or ""); pure but for
 * the arena. */
void loy_client_check(struct cl_req *r, const struct loy_client *c,
    const char *prefix, const char *phone_field);

/* Reads each object of list (a JSON array) into a new array of structs
 * of size bytes (from r's arena), each first a copy of defaults (NULL:
 * zeroes), by fields (required ones required); problems are recorded
 * under "<prefix>[i].<field>" (import.c). */
void *loy_rows_read(struct cl_req *r, const struct cJSON *list,
    const struct cl_field *fields, size_t size, const void *defaults,
    const char *prefix);

/* Credits and tickets (credits.c, tickets.c), pure. */

/* A ticket's credit: half of montant cents, rounded half up. */
int64_t loy_credit_of(int64_t montant);

/* prixApres of an article: prixAvant x (100 - promo) / 100, in cents,
 * rounded half up. */
int64_t loy_price_after(int64_t prix_avant, int64_t promo);

/* pointsFidelite of a ticket of prix cents: floor(prix / 10) in units. */
int64_t loy_points_of(int64_t prix);

/* One article of a ticket. */
struct loy_article {
	const char *codeProduit;
	int64_t prixAvant;
	int64_t promo;
	int64_t quantity;
	int64_t prixApres;
};

/* One ticket as POST /tickets writes it. */
struct loy_ticket {
	int64_t id;
	const char *client; /* IdClient */
	int64_t client_id;
	const char *date; /* "YYYY-MM-DD HH:MM:SS.ffffff" UTC */
	int64_t prix;
	int64_t pointsFidelite;
	const char *modePaiement;
	const char *origin;
	struct loy_article *articles;
	size_t narticles;
};

/* A row of GET /get_tickets (the column table tickets.c holds). */
struct loy_ticket_row {
	int64_t id;
	const char *date;
	int64_t prix;
	const char *client;
	int64_t pointsFidelite;
	const char *modePaiement;
	const char *origin;
	const char *articles; /* a JSON array, from the SELECT */
};
extern const struct cl_field loy_ticket_cols[];

/* Every statement of db.c with the column table it must agree with, for
 * tests/unit/loyalty/test_sql.c; ends with a zeroed entry. */
struct loy_sql_check {
	const struct cl_field *cols;
	const char *const *sql;
};
extern const struct loy_sql_check loy_sql_checks[];

/* Data functions (db.c): CL_OK or a negative CL_E*. Rows' strings are
 * from a. */

/* The client with IdClient uuid (for_update: locked; in a transaction)
 * into out; CL_ENOTFOUND. */
int loy_client_get_by_uuid(struct cl_db *db, struct cl_arena *a,
    const char *uuid, bool for_update, struct loy_client *out);

/* The client with Email email; CL_ENOTFOUND. */
int loy_client_get_by_email(struct cl_db *db, struct cl_arena *a,
    const char *email, struct loy_client *out);

/* The client with Compte compte, locked (in a transaction); CL_ENOTFOUND. */
int loy_client_get_by_compte_for_update(struct cl_db *db, struct cl_arena *a,
    const char *compte, struct loy_client *out);

/* The clients whose Compte is one of comptes (n <= LOY_LOOKUP_BATCH),
 * locked (in a transaction): *out an array of *nout from a. Matching is
 * MariaDB's (the column's case-insensitive collation). */
#define LOY_LOOKUP_BATCH 100
int loy_clients_by_comptes_for_update(struct cl_db *db, struct cl_arena *a,
    const char *const *comptes, size_t n, struct loy_client **out,
    size_t *nout);

/* The client with card carteFid; CL_ENOTFOUND. */
int loy_client_get_by_card(
    struct cl_db *db, struct cl_arena *a, int64_t card, struct loy_client *out);

/* A new card number from the sequence into *card. */
int loy_card_next(struct cl_db *db, struct cl_arena *a, int64_t *card);

/* Gives client id the card; CL_EDUP when another holds that number. */
int loy_client_set_card(struct cl_db *db, int64_t id, int64_t card);

/* Adds cents to the Credit of the client holding card (one UPDATE, so
 * concurrent credits queue on the row lock); CL_ENOTFOUND when no client
 * holds it. Then *total is its new Credit (read under that lock). */
int loy_card_credit(struct cl_db *db, struct cl_arena *a, int64_t card,
    int64_t cents, int64_t *total);

/* Whether client id has a scheduled credit whose Date is today or later
 * (UTC); a locking read, in a transaction. */
int loy_credit_open_exists(
    struct cl_db *db, struct cl_arena *a, int64_t id, bool *exists);
int loy_credit_insert(
    struct cl_db *db, int64_t id, int64_t cents, const char *date);
int loy_client_refuse(struct cl_db *db, int64_t id);

/* Writes t (its date, when NULL, is now) and its articles, then the
 * client's Montant, PanierMoyen, and Paiement and Date_paiement when this
 * is its newest ticket. Sets t->id and t->date. */
int loy_ticket_insert(
    struct cl_db *db, struct cl_arena *a, struct loy_ticket *t);

/* Handlers. */
int loy_clients_list(struct cl_req *r);
int loy_clients_show(struct cl_req *r);
int loy_clients_by_email(struct cl_req *r);
int loy_clients_create(struct cl_req *r);
int loy_cards_create(struct cl_req *r);
int loy_import_create(struct cl_req *r);
int loy_credit_create(struct cl_req *r);
int loy_credit_show(struct cl_req *r);
int loy_allow_credit_create(struct cl_req *r);
int loy_tickets_create(struct cl_req *r);
int loy_tickets_list(struct cl_req *r);

#endif
