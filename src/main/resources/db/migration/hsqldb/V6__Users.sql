-- Who may use the web console and the API, and as what. Passwords are kept only as adaptive hashes
-- (Spring Security's delegating encoder, bcrypt); an API token is 256 random bits, kept as its SHA-256, so
-- that a request's token is found by its hash. Failed sign-ins in a row lock the user for a while.
CREATE CACHED TABLE app_user (
    username         VARCHAR_IGNORECASE(100) NOT NULL PRIMARY KEY,
    role             VARCHAR(10) NOT NULL,
    password_hash    VARCHAR(200) NOT NULL,
    token_hash       CHAR(64),
    failed_sign_ins  INT DEFAULT 0 NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT app_user_token UNIQUE (token_hash)
);
