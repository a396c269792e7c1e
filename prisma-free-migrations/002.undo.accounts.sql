DROP TABLE user_token;
DROP TABLE role_assignment;
DROP TABLE app_user;
