-- issue-service's database (issues) is POSTGRES_DB; report-service has its own.
CREATE DATABASE reports OWNER zhenggai;
