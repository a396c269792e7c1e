DROP TABLE lead_appointment;
