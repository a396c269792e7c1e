DROP TABLE chase_pause;
DROP TABLE chase_log;
