-- Permacoop's schema as its 33 TypeORM migrations leave it, for a new
-- database. The runner records this file without running it when the
-- database already lists those 33 migrations in its "migrations" table.

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;

CREATE TYPE user_role_enum AS ENUM ('cooperator', 'accountant', 'employee');
CREATE TYPE user_administrative_contract_enum AS ENUM (
	'cdi', 'cdd', 'ctt', 'apprenticeship', 'professionalization'
);
CREATE TYPE user_administrative_workingtime_enum AS ENUM (
	'full_time', 'part_time'
);
CREATE TYPE event_type_enum AS ENUM (
	'mission', 'support', 'dojo', 'formationConference', 'other'
);
CREATE TYPE leave_request_status_enum AS ENUM (
	'pending', 'accepted', 'refused'
);
CREATE TYPE leave_request_type_enum AS ENUM (
	'paid', 'unpaid', 'special', 'medical', 'illimited',
	'postponedWorkedFreeDay', 'relocation', 'menstrual'
);
CREATE TYPE project_invoiceunit_enum AS ENUM ('day', 'hour');
CREATE TYPE user_savings_record_type_enum AS ENUM ('input', 'output');
CREATE TYPE notification_type_enum AS ENUM ('post', 'comment', 'reaction');
-- Unused: Permacoop dropped the quote and invoice tables but kept their
-- types, so a database it migrated has them too.
CREATE TYPE quote_status_enum AS ENUM (
	'draft', 'sent', 'refused', 'accepted', 'canceled'
);
CREATE TYPE invoice_status_enum AS ENUM ('draft', 'sent', 'payed', 'canceled');

CREATE TABLE customer (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	name		varchar		NOT NULL,
	"createdAt"	timestamp	NOT NULL DEFAULT now(),
	CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY (id)
);

CREATE TABLE task (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	name		varchar		NOT NULL,
	CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY (id)
);

CREATE TABLE cooperative (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	name		varchar		NOT NULL,
	"dayDuration"	integer		NOT NULL DEFAULT 420,
	CONSTRAINT "PK_b53942b37eb26a5d32a9a6ed455" PRIMARY KEY (id)
);
COMMENT ON COLUMN cooperative."dayDuration" IS 'Stored in minutes';

CREATE TABLE interest_rate (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	rate		integer		NOT NULL,
	"createdAt"	timestamp	NOT NULL DEFAULT now(),
	CONSTRAINT "PK_e0dc77d8cda169497a847de0f8b" PRIMARY KEY (id)
);
COMMENT ON COLUMN interest_rate.rate IS 'Stored in base 100';

CREATE TABLE user_administrative (
	id			 uuid		NOT NULL
	    DEFAULT uuid_generate_v4(),
	"annualEarnings"	 integer	NOT NULL,
	"transportFee"		 integer	DEFAULT 0,
	"healthInsurance"	 boolean	NOT NULL,
	"executivePosition"	 boolean	NOT NULL,
	contract		 user_administrative_contract_enum NOT NULL,
	"joiningDate"		 date		NOT NULL,
	"leavingDate"		 date,
	"workingTime"		 user_administrative_workingtime_enum NOT NULL,
	"sustainableMobilityFee" integer	DEFAULT 0,
	CONSTRAINT "PK_3a17ceae75a0f330edb671f4b76" PRIMARY KEY (id)
);

CREATE TABLE "user" (
	id			uuid		NOT NULL
	    DEFAULT uuid_generate_v4(),
	"firstName"		varchar		NOT NULL,
	"lastName"		varchar		NOT NULL,
	email			varchar		NOT NULL,
	"apiToken"		varchar,
	password		varchar		NOT NULL,
	role			user_role_enum	NOT NULL,
	"createdAt"		timestamp	NOT NULL DEFAULT now(),
	"userAdministrativeId"	uuid,
	CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY (id),
	CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE (email),
	CONSTRAINT "UQ_2a1d6d2b61221739eeaa9b7a06f"
	    UNIQUE ("userAdministrativeId"),
	CONSTRAINT "FK_2a1d6d2b61221739eeaa9b7a06f"
	    FOREIGN KEY ("userAdministrativeId")
	    REFERENCES user_administrative (id)
	    ON DELETE NO ACTION ON UPDATE NO ACTION
);
CREATE INDEX "api-token" ON "user" ("apiToken");

CREATE TABLE project (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	name		varchar		NOT NULL,
	"createdAt"	timestamp	NOT NULL DEFAULT now(),
	"customerId"	uuid		NOT NULL,
	"invoiceUnit"	project_invoiceunit_enum NOT NULL,
	active		boolean		NOT NULL DEFAULT true,
	CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY (id),
	CONSTRAINT "FK_b76640329fa79f0b0e9d031c35b" FOREIGN KEY ("customerId")
	    REFERENCES customer (id) ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE event (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	type		event_type_enum	NOT NULL,
	time		integer		NOT NULL,
	date		date		NOT NULL,
	summary		varchar,
	"projectId"	uuid,
	"taskId"	uuid,
	"userId"	uuid		NOT NULL,
	CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY (id),
	CONSTRAINT "FK_3dde39f7b276bbc735a0f762ead" FOREIGN KEY ("projectId")
	    REFERENCES project (id) ON DELETE SET NULL ON UPDATE NO ACTION,
	CONSTRAINT "FK_56b239fecbe385af3a3186acab0" FOREIGN KEY ("taskId")
	    REFERENCES task (id) ON DELETE SET NULL ON UPDATE NO ACTION,
	CONSTRAINT "FK_01cd2b829e0263917bf570cb672" FOREIGN KEY ("userId")
	    REFERENCES "user" (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
COMMENT ON COLUMN event.time IS 'Stored in minutes';

CREATE TABLE leave_request (
	id			uuid		NOT NULL
	    DEFAULT uuid_generate_v4(),
	status			leave_request_status_enum NOT NULL,
	type			leave_request_type_enum NOT NULL,
	"startDate"		timestamp	NOT NULL,
	"startsAllDay"		boolean		NOT NULL DEFAULT true,
	"endDate"		timestamp	NOT NULL,
	"endsAllDay"		boolean		NOT NULL DEFAULT true,
	comment			varchar,
	"moderationComment"	varchar,
	"moderateAt"		timestamp,
	"moderatorId"		uuid,
	"userId"		uuid		NOT NULL,
	CONSTRAINT "PK_6f6ed3822203a4e10a5753368db" PRIMARY KEY (id),
	CONSTRAINT "FK_7071eaa10caf1fafb5d079ea22c" FOREIGN KEY ("moderatorId")
	    REFERENCES "user" (id) ON DELETE SET NULL ON UPDATE NO ACTION,
	CONSTRAINT "FK_ccd082c03225c86d707142fa0dc" FOREIGN KEY ("userId")
	    REFERENCES "user" (id) ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE leave (
	id			uuid		NOT NULL
	    DEFAULT uuid_generate_v4(),
	time			integer		NOT NULL,
	date			date		NOT NULL,
	"leaveRequestId"	uuid		NOT NULL,
	CONSTRAINT "PK_501f6ea368365d2a40b1660e16b" PRIMARY KEY (id),
	CONSTRAINT "FK_b75573f53c72d91fd15e38ff4b9"
	    FOREIGN KEY ("leaveRequestId") REFERENCES leave_request (id)
	    ON DELETE CASCADE ON UPDATE NO ACTION
);
COMMENT ON COLUMN leave.time IS 'Stored in minutes';

CREATE TABLE meal_ticket_removal (
	id		uuid		NOT NULL DEFAULT uuid_generate_v4(),
	date		timestamp	NOT NULL,
	comment		varchar,
	"userId"	uuid		NOT NULL,
	CONSTRAINT "PK_16f717305130d7b2765ed2a467c" PRIMARY KEY (id),
	CONSTRAINT "FK_a27eae7bbdbcbe9d67b5f77dd76" FOREIGN KEY ("userId")
	    REFERENCES "user" (id) ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE user_savings_record (
	id			uuid		NOT NULL
	    DEFAULT uuid_generate_v4(),
	amount			integer		NOT NULL,
	type			user_savings_record_type_enum NOT NULL,
	"createdAt"		timestamp	NOT NULL DEFAULT now(),
	"userId"		uuid		NOT NULL,
	"interestRateId"	uuid,
	CONSTRAINT "PK_f5f68a0ad3332f08e8adc70a4c6" PRIMARY KEY (id),
	CONSTRAINT "FK_b126b5220c39f0c684fd3929eac" FOREIGN KEY ("userId")
	    REFERENCES "user" (id) ON DELETE CASCADE ON UPDATE NO ACTION,
	CONSTRAINT "FK_b88b218db366c70a2ec33e424a2"
	    FOREIGN KEY ("interestRateId") REFERENCES interest_rate (id)
	    ON DELETE NO ACTION ON UPDATE NO ACTION
);
COMMENT ON COLUMN user_savings_record.amount IS 'Stored in base 100';

-- connect-typeorm's session store; "expiredAt" is epoch milliseconds.
CREATE TABLE session (
	"expiredAt"	bigint		NOT NULL,
	id		varchar(255)	NOT NULL,
	json		text		NOT NULL,
	"destroyedAt"	timestamp,
	CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY (id)
);
CREATE INDEX "IDX_28c5d1d16da7908c97c9bc2f74" ON session ("expiredAt");

CREATE TABLE notification (
	id			uuid		NOT NULL
	    DEFAULT uuid_generate_v4(),
	type			notification_type_enum NOT NULL,
	"resourceId"		varchar		NOT NULL,
	message			varchar		NOT NULL,
	"createdAt"		timestamp	NOT NULL DEFAULT now(),
	"leaveRequestId"	uuid,
	CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY (id),
	CONSTRAINT "FK_d7dcd7fa90cc4542719b880bc7f"
	    FOREIGN KEY ("leaveRequestId") REFERENCES leave_request (id)
	    ON DELETE SET NULL ON UPDATE NO ACTION
);

-- TypeORM's bookkeeping table, filled as if Permacoop had run its
-- migrations, so that Permacoop's own tooling finds nothing to replay.
CREATE TABLE migrations (
	id		SERIAL		NOT NULL,
	"timestamp"	bigint		NOT NULL,
	name		varchar		NOT NULL,
	CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY (id)
);

INSERT INTO migrations ("timestamp", name) VALUES
	(1575020116603, 'InitModel1575020116603'),
	(1604827206393, 'ModelsRestructuration1604827206393'),
	(1605272527582, 'CooperativeSettings1605272527582'),
	(1605556978071, 'EventBillable1605556978071'),
	(1606221236110, 'Invoice1606221236110'),
	(1606403084585, 'InvoiceUnitPrice1606403084585'),
	(1607088934563, 'ChangeUserAdministrativeJoiningDateType1607088934563'),
	(1608728416097, 'MealTicketRemoval1608728416097'),
	(1633700963101, 'Contact1633700963101'),
	(1633787043133, 'makeMealTicketRemovalCommentNullable1633787043133'),
	(1637158054129, 'AddUserAdministrativeWorkingTime1637158054129'),
	(1645798997884, 'addContactContactedby1645798997884'),
	(1647071905784, 'DropPaySlip1647071905784'),
	(1648283366970, 'DropProjectDayDuration1648283366970'),
	(1650636333167, 'UserSavingsRecord1650636333167'),
	(1651234850677, 'IllimitedLeaveType1651234850677'),
	(1651674281488, 'InterestRate1651674281488'),
	(1676042443249, 'upgradeDatabase1676042443249'),
	(1676042513328, 'removeJohnDoe1676042513328'),
	(1678458554609, 'removeInvoices1678458554609'),
	(1679323604719,
	    'addSustainableMobilityFeeColumnToUserAdministrative1679323604719'),
	(1687944271705, 'RemoveQuote1687944271705'),
	(1687946137748, 'RemoveBillable1687946137748'),
	(1687953603202, 'RemoveDailyRate1687953603202'),
	(1687959453344, 'RemoveContacts1687959453344'),
	(1695400222241, 'RemoveFile1695400222241'),
	(1699290758562, 'DropAddress1699290758562'),
	(1703240232765, 'AddSession1703240232765'),
	(1716653153304, 'ProjectActive1716653153304'),
	(1717147942177, 'CreateNotificationTable1717147942177'),
	(1718114720685,
	    'AddPostponedWorkedFreeDayLeaveRequestType1718114720685'),
	(1719581515131, 'AddRelocationLeave1719581515131'),
	(1743667200000, 'AddMenstrualLeave1743667200000');

-- The settings row and the first interest rate that Permacoop's
-- migrations insert, with the same ids.
INSERT INTO cooperative (id, name, "dayDuration")
VALUES ('863f007e-7490-4a8d-8f78-27230791de8d', 'Fairness', 420);

INSERT INTO interest_rate (id, rate, "createdAt")
VALUES ('9ae76df0-2ae6-40f8-a2e2-fad0371bcfa9', 100, '2022-05-04 00:00:00');
